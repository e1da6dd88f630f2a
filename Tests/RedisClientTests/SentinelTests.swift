import Foundation
import Testing
import FlagtopTestSupport
@testable import RedisClient

/// URL forms for sentinels and cluster seeds.
@Suite struct DeploymentURLTests {
    @Test func sentinelURLs() throws {
        let e = try RedisEndpoint(url: "redis+sentinel://app:s3cret@10.0.0.1:26380,10.0.0.2/mymaster/2?sentinel_password=sp")
        #expect(e.sentinel?.sentinels == [.tcp(host: "10.0.0.1", port: 26380), .tcp(host: "10.0.0.2", port: 26379)])
        #expect(e.sentinel?.masterName == "mymaster")
        #expect(e.sentinel?.password == "sp")
        #expect(e.username == "app" && e.password == "s3cret" && e.database == 2)
        #expect(e.redacted == "redis+sentinel://app:***@10.0.0.1:26380,10.0.0.2:26379/mymaster/2")
        #expect(!e.redacted.contains("sp") || !e.redacted.contains("sentinel_password"))
        let tls = try RedisEndpoint(url: "rediss+sentinel://s1:26379/cache")
        #expect(tls.tls != nil && tls.sentinel?.masterName == "cache")
        #expect(throws: RedisError.self) { try RedisEndpoint(url: "redis+sentinel://s1:26379") }
        #expect(throws: RedisError.self) { try RedisEndpoint(url: "redis+sentinel://s1:26379/") }
        #expect(throws: RedisError.self) { try RedisEndpoint(url: "redis://h:1?sentinel_password=x") }
    }

    @Test func seedLists() throws {
        let e = try RedisEndpoint(url: "redis://:pw@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002")
        #expect(e.address == .tcp(host: "10.0.0.1", port: 7000))
        #expect(e.otherSeeds == [.tcp(host: "10.0.0.2", port: 7001), .tcp(host: "::1", port: 7002)])
        #expect(e.redacted == "redis://:***@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002/0")
    }
}

/// Connections through real sentinels: resolution, refusal, and a failover followed.
@Suite(.serialized) struct SentinelTests {
    static let deployment = Result { try TestSentinel() }

    @Test func connectsToTheMasterTheSentinelsName() throws {
        let s = try Self.deployment.get()
        let master = try #require(try s.currentMasterPort())
        let c = try RedisConnection(connectingTo: try RedisEndpoint(url: s.url))
        #expect(c.connectedAddress == .tcp(host: "127.0.0.1", port: master))
        #expect(try c.send("ROLE").array?.first?.string == "master")
        #expect(c.endpoint.redacted.hasPrefix("redis+sentinel://127.0.0.1:"))
    }

    @Test func unknownMasterAndDeadSentinelsAreOneLine() throws {
        let s = try Self.deployment.get()
        var caught: RedisError?
        do { _ = try RedisConnection(connectingTo: try RedisEndpoint(url: s.url.replacingOccurrences(of: "/mymaster", with: "/nosuch"))) } catch { caught = error }
        #expect(caught?.description.contains("knows no master 'nosuch'") == true, "\(String(describing: caught))")
        let dead = try RedisServerProcess.freePort()
        do { _ = try RedisConnection(connectingTo: try RedisEndpoint(url: "redis+sentinel://127.0.0.1:\(dead)/mymaster")) } catch { caught = error }
        #expect(caught?.description.contains("no sentinel named a master") == true, "\(String(describing: caught))")
        #expect(caught?.description.contains("\n") == false)
    }

    @Test func aFailoverIsFollowedOnTheNextConnect() throws {
        let s = try Self.deployment.get()
        let c = RedisConnection(endpoint: try RedisEndpoint(url: s.url), options: RedisConnectionOptions(connectTimeout: 1, commandTimeout: 2))
        try c.send("SET", "sentinel:k", "before")
        let before = c.connectedAddress
        #expect(c.sentinelWatch?.isConnected == true, "no +switch-master subscription")
        try s.failover()
        // The sentinels name the promoted replica at once but announce +switch-master only once the old master
        // is reconfigured; until then the old master still takes writes (why kills WAIT for a replica). The
        // connection follows the announcement by itself: the caller never reconnects (retrying an idempotent SET).
        let newMaster = try #require(try s.currentMasterPort())
        let deadline = Date().addingTimeInterval(20)
        while c.connectedAddress != .tcp(host: "127.0.0.1", port: newMaster) && Date() < deadline {
            _ = try? c.send("SET", "sentinel:k", "after")
            usleep(100_000)
        }
        #expect(c.connectedAddress != before, "still on \(String(describing: before))")
        #expect(c.connectedAddress == .tcp(host: "127.0.0.1", port: newMaster))
        try c.send("SET", "sentinel:k", "after")
        let server = newMaster == s.masterPort ? s.master : s.replica
        #expect(try server.run("GET", "sentinel:k") == .bulk(Array("after".utf8)))
    }
}
