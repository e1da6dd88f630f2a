import Foundation
import Testing
import FlagtopTestSupport
@testable import RedisClient

/// Slot arithmetic, checked against the server's own CLUSTER KEYSLOT.
@Suite struct HashSlotTests {
    @Test func agreesWithClusterKeyslot() throws {
        let port = try TestCluster.freePortPairs(1)[0]
        let node = try TestServer(search: false, extraArguments: ["--port", String(port), "--cluster-enabled", "yes"])
        let c = try node.connection()
        var generator = SeededGenerator(seed: 7)
        for i in 0..<300 {
            let length = Int.random(in: 0...12, using: &generator)
            var key = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if i % 3 == 0 { key += Array("{tag\(i % 7)}".utf8) }
            if i % 5 == 0 { key.insert(UInt8(ascii: "{"), at: 0) }
            let server = try c.send(RedisCommand([Array("CLUSTER".utf8), Array("KEYSLOT".utf8), key])).int
            #expect(server == Int64(HashSlot.of(key)), "key \(key)")
        }
    }
}

/// The cluster client against a real 3-master, 3-replica cluster started once for the suite.
@Suite(.serialized) struct ClusterClientTests {
    static let cluster = Result { try TestCluster() }

    private func client() throws -> RedisClusterClient {
        let cluster = try Self.cluster.get()
        guard let made = try RedisClients.connect(cluster.seed) as? RedisClusterClient else {
            throw LauncherError.setup("not detected as a cluster")
        }
        return made
    }

    @Test func detectsTheClusterAndMapsEverySlot() throws {
        let c = try client()
        #expect(c.topology.masters.count == 3)
        #expect(c.topology.coversAllSlots)
        // Replicas count once they are in sync (health "online").
        let deadline = Date().addingTimeInterval(10)
        while !c.topology.shards.allSatisfy({ $0.replicas.count == 1 }) && Date() < deadline {
            usleep(200_000)
            try c.refreshTopology()
        }
        #expect(c.topology.shards.allSatisfy { $0.replicas.count == 1 }, "\(c.topology.shards)")
        // A plain server is not a cluster.
        let plain = try TestServer(search: false)
        #expect(try RedisClients.connect(plain.endpoint) is RedisConnection)
    }

    @Test func commandsReachTheirSlotsOwnerAndPipelinesMergeInOrder() throws {
        let c = try client()
        let keys = (0..<60).map { "ck:\($0)" }
        let writes = try c.pipeline(keys.map { RedisCommand("SET", $0, "v-\($0)") })
        #expect(writes.allSatisfy { $0 == .status("OK") }, "\(writes)")
        let reads = try c.pipeline(keys.map { RedisCommand("GET", $0) })
        #expect(reads == keys.map { .bulk(Array("v-\($0)".utf8)) })
        // The keys really are spread: every master holds some.
        let counts = try c.masterConnections().map { try $0.send("DBSIZE").int ?? 0 }
        #expect(counts.filter { $0 > 0 }.count == 3, "\(counts)")
        #expect(c.redirectsFollowed == 0)
    }

    @Test func movedIsFollowedAndTheMapUpdated() throws {
        let cluster = try Self.cluster.get()
        let c = try client()
        let key = "moved:{m1}"
        try c.send("SET", key, "before")
        let slot = HashSlot.of(key)
        let source = try cluster.master(for: key)
        // Move the slot to another master behind the client's back (the standard resharding steps).
        let target = try #require(cluster.nodes.first { $0 !== source && (try? $0.run("ROLE"))?.array?.first?.string == "master" })
        let targetID = try #require(try target.run("CLUSTER", "MYID").string)
        let sourceID = try #require(try source.run("CLUSTER", "MYID").string)
        let targetPort = try #require(cluster.ports.first { cluster.node(port: $0) === target })
        try target.run("CLUSTER", "SETSLOT", String(slot), "IMPORTING", sourceID)
        try source.run("CLUSTER", "SETSLOT", String(slot), "MIGRATING", targetID)
        try source.run("MIGRATE", "127.0.0.1", String(targetPort), "", "0", "5000", "KEYS", key)
        for node in [target, source] { try node.run("CLUSTER", "SETSLOT", String(slot), "NODE", targetID) }
        #expect(try c.send("GET", key) == .bulk(Array("before".utf8)))
        #expect(c.redirectsFollowed >= 1)
        #expect(c.topology.master(forSlot: slot) == .tcp(host: "127.0.0.1", port: targetPort))
        // A transaction in that slot goes straight to the new owner.
        let exec = try c.transaction([RedisCommand("SET", key, "after"), RedisCommand("GET", key)])
        #expect(exec == [.status("OK"), .bulk(Array("after".utf8))])
    }

    @Test func askDuringAMigrationReachesTheImportingNode() throws {
        let cluster = try Self.cluster.get()
        let c = try client()
        let key = "ask:{a7}"
        let slot = HashSlot.of(key)
        let source = try cluster.master(for: key)
        let target = try #require(cluster.nodes.first { $0 !== source && (try? $0.run("ROLE"))?.array?.first?.string == "master" })
        let targetID = try #require(try target.run("CLUSTER", "MYID").string)
        let sourceID = try #require(try source.run("CLUSTER", "MYID").string)
        try target.run("CLUSTER", "SETSLOT", String(slot), "IMPORTING", sourceID)
        try source.run("CLUSTER", "SETSLOT", String(slot), "MIGRATING", targetID)
        defer {
            _ = try? target.run("CLUSTER", "SETSLOT", String(slot), "STABLE")
            _ = try? source.run("CLUSTER", "SETSLOT", String(slot), "STABLE")
        }
        // The key does not exist on the source: the source answers ASK, the target takes it with ASKING.
        #expect(try c.send("SET", key, "imported") == .status("OK"))
        #expect(try target.connection().pipeline([RedisCommand("ASKING"), RedisCommand("GET", key)])[1] == .bulk(Array("imported".utf8)))
        let before = c.topology.master(forSlot: slot)
        #expect(c.topology.master(forSlot: slot) == before, "ASK must not change the map")
        _ = try target.connection().pipeline([RedisCommand("ASKING"), RedisCommand("DEL", key)])
    }

    @Test func crossSlotTransactionsAreRefusedBeforeSending() throws {
        let c = try client()
        var caught: RedisError?
        do { try c.transaction([RedisCommand("SET", "a", "1"), RedisCommand("SET", "b", "2")]) } catch { caught = error }
        #expect(caught?.kind == .crossSlot)
        #expect(caught?.description.contains("hash tag") == true)
        #expect(try c.perform(RedisCommand("EXISTS", "a")) == .integer(0))
        // With a shared tag it runs atomically on one node.
        #expect(try c.transaction([RedisCommand("SET", "{t}a", "1"), RedisCommand("SET", "{t}b", "2")]) == [.status("OK"), .status("OK")])
    }

    @Test func aFailoverIsFollowed() throws {
        let cluster = try Self.cluster.get()
        let c = try client()
        let key = "failover:{f3}"
        try c.send("SET", key, "1")
        let oldMaster = try cluster.master(for: key)
        // Its replica takes over (CLUSTER FAILOVER on the replica: a coordinated, lossless switch).
        let oldID = try #require(try oldMaster.run("CLUSTER", "MYID").string)
        let replica = try #require(cluster.nodes.first { node in
            guard let role = (try? node.run("ROLE"))?.array, role.first?.string == "slave" else { return false }
            return ((try? node.run("CLUSTER", "NODES"))?.string ?? "").split(separator: "\n").contains { $0.contains("myself") && $0.contains(oldID) }
        })
        try replica.run("CLUSTER", "FAILOVER")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, (try? replica.run("ROLE"))?.array?.first?.string != "master" { usleep(100_000) }
        try cluster.waitUntilHealthy(timeout: 10)
        // The client still thinks the old master serves the slot: READONLY/MOVED lead it to the new one.
        #expect(try c.send("INCR", key) == .integer(2))
        #expect(try replica.run("GET", key) == .bulk(Array("2".utf8)))
    }
}
