import Foundation
import RedisClient
import RedisLauncher

/// A real Redis Cluster on loopback: `masters` masters with `replicasPerMaster` replicas each, made by
/// `redis-cli --cluster create` from private redis-servers, every node stopped by pid. Ports are chosen so that
/// each node's cluster bus port (port + 10000) is free too.
public final class TestCluster: @unchecked Sendable {
    public let nodes: [TestServer]
    public let ports: [Int]

    public init(masters: Int = 3, replicasPerMaster: Int = 1, extraArguments: [String] = []) throws {
        let count = masters * (1 + replicasPerMaster)
        let ports = try Self.freePortPairs(count)
        self.ports = ports
        var started: [TestServer] = []
        for port in ports {
            started.append(try TestServer(search: false, extraArguments: [
                "--port", String(port), "--cluster-enabled", "yes", "--cluster-node-timeout", "1000",
                "--cluster-require-full-coverage", "no",
            ] + extraArguments))
        }
        nodes = started
        let create = try ProcessRunner.run("redis-cli", ["--cluster", "create"] + ports.map { "127.0.0.1:\($0)" }
            + ["--cluster-replicas", String(replicasPerMaster), "--cluster-yes"], timeout: 60)
        guard create.status == 0 else { throw LauncherError.startFailed("redis-cli --cluster create: \(create.stdout.suffix(400)) \(create.stderr)") }
        try waitUntilHealthy(timeout: 20)
    }

    deinit { stop() }

    public func stop() { for node in nodes { node.stop() } }

    /// The first node's URL (any node works as a seed).
    public var url: String { "redis://127.0.0.1:\(ports[0])" }
    public var seed: RedisEndpoint { RedisEndpoint(address: .tcp(host: "127.0.0.1", port: ports[0])) }

    /// The node listening on `port`.
    public func node(port: Int) -> TestServer? { ports.firstIndex(of: port).map { nodes[$0] } }

    /// The node that serves `key` as master now.
    public func master(for key: String) throws -> TestServer {
        let slot = HashSlot.of(key)
        for (index, node) in nodes.enumerated() where node.process.pid != nil {
            let reply = try node.connection().perform(RedisCommand("CLUSTER", "SHARDS"))
            if let topology = ClusterTopology.fromShards(reply, tls: false), case let .tcp(_, port)? = topology.master(forSlot: slot) {
                if let found = self.node(port: port) { return found }
            }
            _ = index
        }
        throw LauncherError.setup("no master for \(key)")
    }

    /// Waits until every running node reports `cluster_state:ok` and agrees on the masters.
    public func waitUntilHealthy(timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let states = nodes.filter { $0.process.pid != nil }.map { node -> Bool in
                ((try? node.run("CLUSTER", "INFO"))?.string ?? "").contains("cluster_state:ok")
            }
            if states.allSatisfy({ $0 }) { return }
            usleep(100_000)
        }
        throw LauncherError.startFailed("cluster did not reach cluster_state:ok within \(timeout)s")
    }

    /// Ports p with p and p + 10000 both free on loopback.
    public static func freePortPairs(_ count: Int) throws -> [Int] {
        var chosen: [Int] = []
        var tries = 0
        while chosen.count < count {
            tries += 1
            if tries > 2000 { throw LauncherError.setup("no free port pairs for a cluster") }
            let port = Int.random(in: 20000..<30000)
            if chosen.contains(port) { continue }
            if isFree(port), isFree(port + 10000) { chosen.append(port) }
        }
        return chosen
    }

    private static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
    }
}
