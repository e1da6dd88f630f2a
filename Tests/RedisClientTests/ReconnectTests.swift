import Foundation
import Testing
import FlagtopTestSupport

/// A dead or restarted server gives typed errors, never a crash, and the same connection object recovers.
@Suite struct ReconnectTests {
    @Test func serverCrashThenRestartRecoversWithAuthAndSelect() throws {
        let server = try TestServer(search: false, password: secretPassword)
        let endpoint = unixEndpoint(server, password: secretPassword, db: 3)
        let c = try RedisConnection(connectingTo: endpoint, options: quickOptions(backoff: Backoff(initial: 0.05, maximum: 0.2)))
        try c.send("SET", "k", "v")
        #expect(c.connectCount == 1)

        server.process.crash()
        // First the broken context, then refused reconnects; later calls inside the backoff window are
        // .disconnected. Every one is a connection error, none a crash.
        var seen: [RedisError] = []
        for _ in 0..<6 {
            if let error = redisError({ try c.send("GET", "k") }) { seen.append(error) }
        }
        #expect(seen.count == 6, "\(seen)")
        #expect(seen.allSatisfy { $0.isConnectionError }, "\(seen)")
        #expect(seen.contains { if case .disconnected = $0 { true } else { false } }, "\(seen)")
        #expect(seen.contains { if case .connectionRefused = $0 { true } else { false } }, "\(seen)")
        #expect(seen.allSatisfy { !leaks($0.description) })
        #expect(!c.isConnected)
        #expect(c.lastError?.isConnectionError == true)

        try server.process.start()
        // The data died with the server; the write below proves AUTH worked, the read from db 3 that SELECT did.
        let recovered = eventually { try c.send("SET", "k2", "after") }
        #expect((try? recovered.get()) == .status("OK"), "\(recovered)")
        #expect(c.connectCount == 2)
        #expect(c.lastError == nil)
        let info = try #require(try c.send("CLIENT", "INFO").string)
        #expect(info.contains(" db=3 ") && info.contains(" user=default "), "\(info)")
        let check = try RedisConnection(connectingTo: endpoint, options: quickOptions())
        #expect(try check.send("GET", "k2") == .bulk(b("after")))
        #expect(try server.run("EXISTS", "k2") == .integer(0))
    }

    @Test func crashOverTCPIsAConnectionErrorToo() throws {
        let server = try TestServer(search: false, tcp: true)
        let endpoint = try #require(server.process.tcpEndpoint)
        let c = try RedisConnection(connectingTo: endpoint, options: quickOptions(backoff: Backoff(initial: 0.05, maximum: 0.2)))
        try c.send("PING")
        server.process.crash()
        let first = redisError { try c.send("PING") }
        #expect(first?.isConnectionError == true, "\(String(describing: first))")
        let second = redisError { try c.send("PING") }
        #expect(second?.isConnectionError == true, "\(String(describing: second))")
        try server.process.start()
        let recovered = eventually { try c.send("PING") }
        #expect((try? recovered.get()) == .status("PONG"), "\(recovered)")
        #expect(c.connectCount == 2)
    }

    @Test func clientKillFromAnotherConnection() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        try c.send("SET", "k", "v")
        let admin = try server.connection()
        let killed = try admin.send("CLIENT", "KILL", "TYPE", "normal")
        #expect(killed.int.map { $0 >= 1 } == true, "\(killed)")
        // The command that meets the closed socket fails; it is not silently retried.
        let error = redisError { try c.send("INCR", "counter") }
        guard case .connectionClosed = error else {
            Issue.record("expected .connectionClosed, got \(String(describing: error))")
            return
        }
        #expect(try admin.send("GET", "counter") == .null)
        #expect(try c.send("GET", "k") == .bulk(b("v")))
        #expect(c.connectCount == 2)
        #expect(try c.send("INCR", "counter") == .integer(1))
    }

    @Test func killedMidPipelineIsAConnectionError() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        let admin = try server.connection()
        let name = "victim-\(UInt32.random(in: 0...UInt32.max))"
        try c.send("CLIENT", "SETNAME", name)
        let clientID = try #require(try c.send("CLIENT", "ID").int)
        try admin.send("CLIENT", "KILL", "ID", clientID)
        let error = redisError { try c.pipeline((0..<500).map { RedisCommand("SET", "p\($0)", $0) }) }
        #expect(error?.isConnectionError == true, "\(String(describing: error))")
        let replies = try c.pipeline((0..<500).map { RedisCommand("SET", "p\($0)", $0) })
        #expect(replies.count == 500 && replies.allSatisfy { $0 == .status("OK") })
    }

    @Test func closeThenSendReconnects() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        c.close()
        #expect(!c.isConnected)
        #expect(c.retryIn == nil)
        #expect(try c.send("PING") == .status("PONG"))
        #expect(c.connectCount == 2)
    }
}
