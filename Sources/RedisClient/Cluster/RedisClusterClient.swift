import Foundation

/// A Redis Cluster behind the client protocol: every command goes to the master serving its key's slot.
///
/// - Topology: `CLUSTER SHARDS` (falling back to `CLUSTER SLOTS` before Redis 7) from any reachable node,
///   refreshed after a redirect, after a node's connection fails, and every `refreshInterval`.
/// - Redirects: MOVED updates the map and retries on the new master; ASK sends `ASKING` + the command to the
///   importing node without touching the map; TRYAGAIN, CLUSTERDOWN, LOADING and MASTERDOWN wait with a
///   capped backoff; READONLY (a master demoted by a failover) refreshes the map. Each is retried at most
///   `maxRedirects` times. An error reply means the command was not applied, so retrying is safe; a lost
///   connection is never retried (the write may have happened) and is thrown.
/// - Pipelines are split per node, sent node by node, and merged back in the original order; redirected
///   commands are retried one by one.
/// - Transactions and scripts must keep their keys in one slot (use a `{hash tag}`); otherwise they are
///   refused before anything is sent.
///
/// Not thread-safe, like `RedisConnection`: one client per thread. Keyless commands (PING, INFO, WAIT, ACL
/// WHOAMI…) go to the node that served the previous command, so `WAIT` after a write asks the right master.
/// `SCAN` walks every master in turn behind one cursor (`<master index>:<node cursor>`, `0` when all are done),
/// so code written for one server scans the whole cluster; a map change during a scan can repeat or miss keys
/// of the moved slots, as with any SCAN across a resharding.
public final class RedisClusterClient: RedisClientProtocol {
    /// The seed the client was built from (credentials and TLS apply to every node).
    public let endpoint: RedisEndpoint
    public let options: RedisConnectionOptions
    public private(set) var topology: ClusterTopology
    /// How often the map is re-read even without a redirect.
    public var refreshInterval: Duration = .seconds(30)
    public var maxRedirects = 5
    /// Redirects followed and map refreshes made so far (for status displays and tests).
    public private(set) var redirectsFollowed = 0
    public private(set) var topologyRefreshes = 0

    private var connections: [RedisEndpoint.Address: RedisConnection] = [:]
    private var seeds: [RedisEndpoint.Address]
    private var refreshDue = false
    /// The node that served the last routed command (keyless commands follow it).
    private var lastAddress: RedisEndpoint.Address?
    private var lastRefresh = ContinuousClock.now

    /// Reads the slot map through `seed` (already connected, or connected now) or the other seed addresses.
    public init(seed: RedisEndpoint, otherSeeds: [RedisEndpoint.Address] = [], options: RedisConnectionOptions = RedisConnectionOptions(),
                seedConnection: RedisConnection? = nil) throws(RedisError) {
        guard seed.database == 0 else {
            throw .invalidURL("a Redis Cluster has only database 0; remove /\(seed.database) from the URL")
        }
        endpoint = seed
        self.options = options
        seeds = [seed.address] + otherSeeds
        if let seedConnection { connections[seed.address] = seedConnection }
        topology = ClusterTopology(shards: [])
        try refreshTopology()
    }

    /// The connection to one node (made on first use; the seed's credentials and TLS settings).
    public func connection(to address: RedisEndpoint.Address) -> RedisConnection {
        if let found = connections[address] { return found }
        var nodeEndpoint = endpoint
        nodeEndpoint.address = address
        let made = RedisConnection(endpoint: nodeEndpoint, options: options)
        connections[address] = made
        return made
    }

    /// One connection per master, for work that must visit every node (SCAN, tracking).
    public func masterConnections() -> [RedisConnection] {
        refreshIfDue()
        return topology.masters.map { connection(to: $0) }
    }

    /// Closes every node connection.
    public func close() {
        for connection in connections.values { connection.close() }
    }

    // MARK: - Commands

    public func pipeline(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        refreshIfDue()
        var byNode: [RedisEndpoint.Address: [Int]] = [:]
        var order: [RedisEndpoint.Address] = []
        for (index, command) in commands.enumerated() where command.name != "SCAN" {
            let address = route(command)
            if byNode[address] == nil { order.append(address) }
            byNode[address, default: []].append(index)
        }
        var replies = [RedisReply](repeating: .null, count: commands.count)
        for (index, command) in commands.enumerated() where command.name == "SCAN" {
            replies[index] = try scan(command)
        }
        for address in order {
            let indices = byNode[address]!
            let got = try onNode(address) { (c) throws(RedisError) in try c.pipeline(indices.map { commands[$0] }) }
            for (k, index) in indices.enumerated() { replies[index] = got[k] }
        }
        for index in replies.indices {
            if let redirect = ClusterRedirect(replies[index]) { replies[index] = try follow(redirect, for: commands[index]) }
        }
        return replies
    }

    @discardableResult
    public func transaction(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        let slot = try singleSlot(of: commands)
        refreshIfDue()
        var address = slot.flatMap { topology.master(forSlot: $0) } ?? defaultAddress
        var asking = false
        var attempts = 0
        while true {
            var all = asking ? [RedisCommand("ASKING")] : []
            all.append(RedisCommand("MULTI"))
            all.append(contentsOf: commands)
            all.append(RedisCommand("EXEC"))
            lastAddress = address
            let replies = try onNode(address) { (c) throws(RedisError) in try c.pipeline(all) }
            do {
                return try RedisConnection.execResult(asking ? Array(replies.dropFirst()) : replies)
            } catch {
                // A refusal while queueing means nothing was applied: a redirect may be followed.
                guard attempts < maxRedirects, case let .server(_, message) = error, let redirect = ClusterRedirect(message: message) else { throw error }
                attempts += 1
                redirectsFollowed += 1
                switch redirect {
                case let .moved(movedSlot, to):
                    topology.move(slot: movedSlot, to: to)
                    refreshDue = true
                    address = to
                    asking = false
                case let .ask(_, to):
                    address = to
                    asking = true
                case .retryLater, .demoted:
                    pause(attempts)
                    try refreshTopology()
                    address = slot.flatMap { topology.master(forSlot: $0) } ?? defaultAddress
                    asking = false
                }
            }
        }
    }

    // MARK: - Routing

    private var defaultAddress: RedisEndpoint.Address { topology.masters.first ?? endpoint.address }

    /// The master for the command's first key (the server itself refuses multi-key commands across slots);
    /// keyless commands go where the previous command went.
    private func route(_ command: RedisCommand) -> RedisEndpoint.Address {
        guard let key = command.keys.first else { return lastAddress ?? defaultAddress }
        let address = topology.master(forSlot: HashSlot.of(key)) ?? defaultAddress
        lastAddress = address
        return address
    }

    /// One SCAN step of the cluster-wide cursor: `0` starts at the first master; each master's own cursor runs
    /// to its end before the next master's starts.
    private func scan(_ command: RedisCommand) throws(RedisError) -> RedisReply {
        let masters = topology.masters
        guard !masters.isEmpty, command.arguments.count >= 2 else { return try onNode(defaultAddress) { (c) throws(RedisError) in try c.perform(command) } }
        let cursor = String(decoding: command.arguments[1], as: UTF8.self)
        var node = 0
        var nodeCursor = "0"
        if cursor != "0" {
            let parts = cursor.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let index = Int(parts[0]), index >= 0 else { return .error("ERR invalid cluster scan cursor") }
            node = index
            nodeCursor = String(parts[1])
        }
        guard node < masters.count else { return .array([.bulk(Array("0".utf8)), .array([])]) }
        var step = command
        step.arguments[1] = Array(nodeCursor.utf8)
        let reply = try onNode(masters[node]) { (c) throws(RedisError) in try c.perform(step) }
        guard case let .array(items) = reply, items.count == 2, let next = items[0].string else { return reply }
        let combined: String
        if next != "0" { combined = "\(node):\(next)" }
        else if node + 1 < masters.count { combined = "\(node + 1):0" }
        else { combined = "0" }
        return .array([.bulk(Array(combined.utf8)), items[1]])
    }

    /// The one slot every key of the transaction hashes to (nil when it has no keys); more than one is refused.
    private func singleSlot(of commands: [RedisCommand]) throws(RedisError) -> Int? {
        var slots = Set<Int>()
        for command in commands { for key in command.keys { slots.insert(HashSlot.of(key)) } }
        guard slots.count <= 1 else {
            throw .server(code: "CROSSSLOT", message: "CROSSSLOT a transaction's keys must share one cluster slot (put a {hash tag} in the keys); these use slots \(slots.sorted().map(String.init).joined(separator: ", "))")
        }
        return slots.first
    }

    private func follow(_ first: ClusterRedirect, for command: RedisCommand) throws(RedisError) -> RedisReply {
        var redirect = first
        var attempts = 0
        while true {
            attempts += 1
            redirectsFollowed += 1
            let reply: RedisReply
            switch redirect {
            case let .moved(slot, to):
                topology.move(slot: slot, to: to)
                refreshDue = true
                reply = try onNode(to) { (c) throws(RedisError) in try c.perform(command) }
            case let .ask(_, to):
                reply = try onNode(to) { (c) throws(RedisError) in try c.pipeline([RedisCommand("ASKING"), command]) }[1]
            case .retryLater, .demoted:
                pause(attempts)
                try refreshTopology()
                reply = try onNode(route(command)) { (c) throws(RedisError) in try c.perform(command) }
            }
            guard attempts < maxRedirects, let next = ClusterRedirect(reply) else { return reply }
            redirect = next
        }
    }

    /// Runs `body` on a node's connection; a connection failure schedules a map refresh (a failover may have
    /// moved the node's slots) and is thrown as it is: the command is never resent.
    private func onNode<R>(_ address: RedisEndpoint.Address, _ body: (RedisConnection) throws(RedisError) -> R) throws(RedisError) -> R {
        do {
            return try body(connection(to: address))
        } catch {
            if error.isConnectionError { refreshDue = true }
            throw error
        }
    }

    private func pause(_ attempt: Int) {
        let millis = min(50 << min(attempt - 1, 4), 500)
        usleep(useconds_t(millis * 1000))
    }

    // MARK: - Topology

    private func refreshIfDue() {
        if refreshDue || ContinuousClock.now - lastRefresh > refreshInterval { try? refreshTopology() }
    }

    /// Reads the map from the first node that answers: known masters, their replicas, then the seeds.
    public func refreshTopology() throws(RedisError) {
        var candidates: [RedisEndpoint.Address] = []
        for address in topology.masters + topology.shards.flatMap(\.replicas) + seeds where !candidates.contains(address) {
            candidates.append(address)
        }
        var lastError: RedisError = .connectionRefused("\(endpoint.redacted): no cluster node answered")
        for address in candidates {
            let c = connection(to: address)
            do {
                if let read = try Self.readTopology(c, tls: endpoint.tls != nil) {
                    topology = read
                    refreshDue = false
                    lastRefresh = .now
                    topologyRefreshes += 1
                    // Connections to nodes that left the map go.
                    let known = Set(read.masters + read.shards.flatMap(\.replicas) + seeds)
                    for (address, connection) in connections where !known.contains(address) {
                        connection.close()
                        connections[address] = nil
                    }
                    return
                }
                lastError = .protocolError("\(c.endpoint.redacted): no usable CLUSTER SHARDS / CLUSTER SLOTS reply")
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    static func readTopology(_ c: RedisConnection, tls: Bool) throws(RedisError) -> ClusterTopology? {
        let shards = try c.perform(RedisCommand("CLUSTER", "SHARDS"))
        if case .error = shards {
            return ClusterTopology.fromSlots(try c.send("CLUSTER", "SLOTS"))
        }
        return ClusterTopology.fromShards(shards, tls: tls)
    }
}
