import Foundation
import RedisClient
import RedisLauncher

/// A Sentinel-managed master on loopback: a master, one replica and three sentinels watching it as
/// `masterName` (quorum 2, down after 1 s), each a private process stopped by pid.
public final class TestSentinel: @unchecked Sendable {
    public let masterName: String
    public let master: TestServer
    public let replica: TestServer
    public let masterPort: Int
    public let replicaPort: Int
    public let sentinelPorts: [Int]
    private var sentinels: [ChildProcess] = []
    private let directory: URL

    public init(masterName: String = "mymaster", sentinelPassword: String? = nil) throws {
        self.masterName = masterName
        masterPort = try RedisServerProcess.freePort()
        replicaPort = try RedisServerProcess.freePort()
        master = try TestServer(search: false, extraArguments: ["--port", String(masterPort)])
        replica = try TestServer(search: false, extraArguments: ["--port", String(replicaPort), "--replicaof", "127.0.0.1", String(masterPort)])
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flagtop-sentinel-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var ports: [Int] = []
        guard let executable = ChildProcess.which("redis-server") else { throw LauncherError.setup("redis-server not found") }
        for i in 0..<3 {
            let port = try RedisServerProcess.freePort()
            ports.append(port)
            let config = directory.appendingPathComponent("sentinel-\(i).conf")
            var text = """
            port \(port)
            bind 127.0.0.1
            dir \(directory.path)
            logfile \(directory.appendingPathComponent("sentinel-\(i).log").path)
            sentinel monitor \(masterName) 127.0.0.1 \(masterPort) 2
            sentinel down-after-milliseconds \(masterName) 1000
            sentinel failover-timeout \(masterName) 4000
            sentinel parallel-syncs \(masterName) 1

            """
            if let sentinelPassword { text += "requirepass \(sentinelPassword)\n" }
            try text.write(to: config, atomically: true, encoding: .utf8)
            sentinels.append(try ChildProcess(executable, [config.path, "--sentinel"]))
        }
        sentinelPorts = ports
        try waitForSentinels(password: sentinelPassword)
        ExitCleanupHook.register { [sentinels] in for s in sentinels { s.signal(SIGKILL) } }
    }

    deinit { stop() }

    public func stop() {
        for s in sentinels where s.isRunning {
            s.signal(SIGTERM)
            if s.wait(timeout: 3) == nil { s.signal(SIGKILL); _ = s.wait() }
        }
        master.stop()
        replica.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// `redis+sentinel://127.0.0.1:p1,…/<master>`.
    public var url: String {
        "redis+sentinel://" + sentinelPorts.map { "127.0.0.1:\($0)" }.joined(separator: ",") + "/" + masterName
    }

    /// A connection to one sentinel.
    public func sentinel(_ index: Int = 0, password: String? = nil) throws -> RedisConnection {
        try RedisConnection(connectingTo: RedisEndpoint(address: .tcp(host: "127.0.0.1", port: sentinelPorts[index]), password: password),
                            options: RedisConnectionOptions(connectTimeout: 1, commandTimeout: 5, clientName: nil))
    }

    /// The port the sentinels name as master now.
    public func currentMasterPort() throws -> Int? {
        try sentinel().send("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName).array?.last?.int.map(Int.init)
    }

    /// Runs `SENTINEL FAILOVER` and waits until the sentinels name the old replica as master and it says so.
    public func failover(timeout: Double = 20) throws {
        let before = try currentMasterPort()
        try sentinel().send("SENTINEL", "FAILOVER", masterName)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let now = try? currentMasterPort(), now != before,
               (try? (now == masterPort ? master : replica).run("ROLE"))?.array?.first?.string == "master" { return }
            usleep(100_000)
        }
        throw LauncherError.startFailed("sentinel failover did not complete within \(timeout)s")
    }

    private func waitForSentinels(password: String?) throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            // Every sentinel knows the master and its replica (so a failover can pick it).
            let ready = (0..<sentinelPorts.count).allSatisfy { i in
                guard let c = try? sentinel(i, password: password),
                      let replicas = try? c.send("SENTINEL", "REPLICAS", masterName).array else { return false }
                return !replicas.isEmpty
            }
            if ready { return }
            usleep(100_000)
        }
        throw LauncherError.startFailed("sentinels did not see the master and its replica within 15 s")
    }
}
