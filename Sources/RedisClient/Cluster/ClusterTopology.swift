/// Which node serves which slot, read from `CLUSTER SHARDS` (Redis 7+) or `CLUSTER SLOTS` (before 7).
public struct ClusterTopology: Sendable, Equatable {
    /// One master and its replicas, by address.
    public struct Shard: Sendable, Equatable {
        public var master: RedisEndpoint.Address
        public var replicas: [RedisEndpoint.Address]
        public var slotRanges: [ClosedRange<Int>]
    }

    public private(set) var shards: [Shard]
    /// For each slot, the index of its shard in `shards`; -1 when no node serves it.
    private var owner: [Int16]

    public init(shards: [Shard]) {
        self.shards = shards
        owner = Array(repeating: -1, count: HashSlot.count)
        for (index, shard) in shards.enumerated() {
            for range in shard.slotRanges where range.lowerBound >= 0 && range.upperBound < HashSlot.count {
                for slot in range { owner[slot] = Int16(index) }
            }
        }
    }

    /// The master serving `slot`, or nil when the slot is not served.
    public func master(forSlot slot: Int) -> RedisEndpoint.Address? {
        guard slot >= 0, slot < HashSlot.count, owner[slot] >= 0 else { return nil }
        return shards[Int(owner[slot])].master
    }

    /// Every master, in slot order of their first range.
    public var masters: [RedisEndpoint.Address] { shards.map(\.master) }

    /// Whether every slot has a master.
    public var coversAllSlots: Bool { !owner.contains(-1) }

    /// After MOVED: the slot now belongs to `address` (a new shard when the address is new).
    public mutating func move(slot: Int, to address: RedisEndpoint.Address) {
        guard slot >= 0, slot < HashSlot.count else { return }
        if let index = shards.firstIndex(where: { $0.master == address }) {
            owner[slot] = Int16(index)
        } else {
            shards.append(Shard(master: address, replicas: [], slotRanges: [slot...slot]))
            owner[slot] = Int16(shards.count - 1)
        }
    }

    // MARK: - Parsing

    /// `CLUSTER SHARDS`: an array of maps (`slots` [start, end, …], `nodes` [maps with `ip`/`endpoint`, `port`
    /// or `tls-port`, `role`, `health`]). Slot bounds may be integers or strings (both seen in 7.0.x).
    public static func fromShards(_ reply: RedisReply, tls: Bool) -> ClusterTopology? {
        guard let items = reply.array else { return nil }
        var shards: [Shard] = []
        for item in items {
            guard let map = dictionary(item) else { return nil }
            let bounds = (map["slots"]?.array ?? []).compactMap { $0.int.map(Int.init) }
            var ranges: [ClosedRange<Int>] = []
            var i = 0
            while i + 1 < bounds.count {
                if bounds[i] <= bounds[i + 1] { ranges.append(bounds[i]...bounds[i + 1]) }
                i += 2
            }
            var master: RedisEndpoint.Address?
            var replicas: [RedisEndpoint.Address] = []
            for node in map["nodes"]?.array ?? [] {
                guard let fields = dictionary(node) else { continue }
                let host = preferredHost(fields)
                let portKey = tls && fields["tls-port"] != nil ? "tls-port" : "port"
                guard let host, let port = fields[portKey]?.int, port > 0 else { continue }
                let address = RedisEndpoint.Address.tcp(host: host, port: Int(port))
                let healthy = fields["health"]?.string.map { $0 == "online" } ?? true
                if fields["role"]?.string == "master" { master = address }
                else if healthy { replicas.append(address) }
            }
            guard let master, !ranges.isEmpty else { continue }
            shards.append(Shard(master: master, replicas: replicas, slotRanges: ranges))
        }
        return shards.isEmpty ? nil : ClusterTopology(shards: shards)
    }

    /// `CLUSTER SLOTS`: `[[start, end, [ip, port, id, …], [replica…]…]…]`.
    public static func fromSlots(_ reply: RedisReply) -> ClusterTopology? {
        guard let items = reply.array else { return nil }
        var byMaster: [RedisEndpoint.Address: Shard] = [:]
        var order: [RedisEndpoint.Address] = []
        for item in items {
            guard let entry = item.array, entry.count >= 3, let start = entry[0].int, let end = entry[1].int,
                  let nodes = Optional(entry[2...].compactMap(address)), let master = nodes.first else { continue }
            if byMaster[master] == nil { order.append(master); byMaster[master] = Shard(master: master, replicas: Array(nodes.dropFirst()), slotRanges: []) }
            byMaster[master]!.slotRanges.append(Int(start)...Int(end))
        }
        let shards = order.compactMap { byMaster[$0] }
        return shards.isEmpty ? nil : ClusterTopology(shards: shards)
    }

    private static func address(_ node: RedisReply) -> RedisEndpoint.Address? {
        guard let fields = node.array, fields.count >= 2, let host = fields[0].string, !host.isEmpty, let port = fields[1].int else { return nil }
        return .tcp(host: host, port: Int(port))
    }

    private static func preferredHost(_ fields: [String: RedisReply]) -> String? {
        // `endpoint` is what clients should use; "?" means unknown, then `ip` is the fallback.
        if let endpoint = fields["endpoint"]?.string, !endpoint.isEmpty, endpoint != "?" { return endpoint }
        return fields["ip"]?.string
    }

    private static func dictionary(_ reply: RedisReply) -> [String: RedisReply]? {
        guard let items = reply.array, items.count % 2 == 0 else { return nil }
        var map: [String: RedisReply] = [:]
        var i = 0
        while i < items.count {
            if let key = items[i].string { map[key] = items[i + 1] }
            i += 2
        }
        return map
    }
}

