import FlagtopTestSupport
import Foundation
import Testing

/// Each class of server refusal, produced by a real redis-server, reaches a person named for what it is.
@Suite(.serialized) struct ServerErrorCLITests {
    private func setToggle(_ url: String) throws -> String {
        try CLI.failsWithOneLine(["set", "useNewAlgorithm", "--on"], server: nil, url: url)
    }

    @Test func readOnlyReplicaIsNamed() throws {
        let master = try TestServer(search: false, tcp: true)
        let replica = try TestServer(search: false, extraArguments: ["--replicaof", "127.0.0.1", String(try #require(master.process.port))])
        let line = try setToggle(replica.url)
        #expect(line.contains("read-only replica"), "\(line)")
        #expect(!line.contains("ACL"), "\(line)")
    }

    @Test func outOfMemoryIsNamed() throws {
        let server = try TestServer(search: false, extraArguments: ["--maxmemory", "1mb", "--maxmemory-policy", "noeviction"])
        // Fill it past maxmemory with data that is not flagtop's.
        // (Small values: Redis counts a big command's own query buffer too, and would stop short of the limit.)
        let filler = String(repeating: "x", count: 2_000)
        for i in 0..<1_000 { _ = try? server.run("SET", "filler:\(i)", filler) }
        // A log line is refused and said so; a kill still goes through (its script may use memory: the kill
        // switch first), which KillAtMaxmemoryCLITests covers.
        let line = try CLI.failsWithOneLine(["log", "checkout", "payment failed"], server: nil, url: server.url)
        #expect(line.contains("out of memory (maxmemory)"), "\(line)")
    }

    @Test func missingReplicasAreNamed() throws {
        let server = try TestServer(search: false, extraArguments: ["--min-replicas-to-write", "1"])
        let line = try setToggle(server.url)
        #expect(line.contains("not enough replicas"), "\(line)")
    }

    @Test func aclDenialIsNamed() throws {
        let server = try TestServer(search: false)
        try server.run("ACL", "SETUSER", "viewer", "on", ">viewer-pw", "~*", "&*", "+@read", "+@connection", "+info", "+client", "+scan")
        let url = server.url.replacingOccurrences(of: "unix://", with: "unix://viewer:viewer-pw@")
        let line = try setToggle(url)
        #expect(line.contains("denied by the Redis ACL"), "\(line)")
        #expect(!line.contains("viewer-pw"))
    }

    @Test func clusterRedirectIsNamed() throws {
        // Cluster nodes need port + 10000 free as well.
        let pair = try TestCluster.freePortPairs(2)
        let portA = pair[0], portB = pair[1]
        let a = try TestServer(search: false, extraArguments: ["--port", String(portA), "--cluster-enabled", "yes"])
        let b = try TestServer(search: false, extraArguments: ["--port", String(portB), "--cluster-enabled", "yes"])
        try a.run("CLUSTER", "ADDSLOTSRANGE", "0", "8191")
        try b.run("CLUSTER", "ADDSLOTSRANGE", "8192", "16383")
        try a.run("CLUSTER", "MEET", "127.0.0.1", String(portB))
        // useNewAlgorithm hashes to a slot of b's half; wait until a knows b owns it.
        let slot = try a.run("CLUSTER", "KEYSLOT", "useNewAlgorithm").int ?? 0
        let owner = slot < 8192 ? a : b, other = slot < 8192 ? b : a
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if case let .error(message) = try other.connection().perform(RedisCommand("HGET", "useNewAlgorithm", "toggle")), message.hasPrefix("MOVED") { break }
            usleep(50_000)
        }
        try owner.run("HSET", "useNewAlgorithm", "toggle", "True")
        // One plain connection to the wrong node: the redirect is named for what it is.
        var caught: RedisError?
        do { try other.connection().send("HGET", "useNewAlgorithm", "toggle") } catch { caught = error as? RedisError }
        let line = caught?.description ?? ""
        #expect(line.contains("another Redis Cluster node") && line.contains("MOVED"), "\(line)")
        #expect(!line.contains("ACL"))
        // The CLI recognises the cluster and follows the redirect instead.
        let read = try CLI.run(["toggle", "useNewAlgorithm"], url: other.url)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.contains("useNewAlgorithm"))
    }
}

/// An error reply on the session read is an error, never "session missing" (which would route to old code).
@Suite struct SessionReadErrorCLITests {
    @Test func deniedSessionReadFailsInsteadOfDecidingOldDefault() throws {
        let server = try Seeds.server()
        try server.redisCLI(Seeds.toggle)
        try server.redisCLI(Seeds.session)
        // May read toggles and flagtop's keys, not sessions.
        try server.run("ACL", "SETUSER", "router", "on", ">router-pw", "~useNewAlgorithm", "~flagtop:*", "&*", "+@read", "+@connection",
                       "+info", "+client", "+module", "+command")
        let url = server.url.replacingOccurrences(of: "unix://", with: "unix://router:router-pw@")
        // The owner sees the targeted decision…
        #expect(try CLI.ok(["decide", "useNewAlgorithm", "4156e021:1234"], server: server).stdout.hasPrefix("new TARGETING_MATCH"))
        // …the restricted user gets an error, not "old DEFAULT".
        for command in [["decide", "useNewAlgorithm", "4156e021:1234"], ["session", "4156e021:1234"]] {
            let line = try CLI.failsWithOneLine(command, server: nil, url: url)
            #expect(line.contains("denied by the Redis ACL"), "\(command): \(line)")
        }
    }
}
