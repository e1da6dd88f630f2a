import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The streaming log writer: the seeds' layout, in order, capped, and acknowledged only when Redis said so.
@Suite struct RecentLogWriterTests {
    func list(_ server: TestServer, _ key: String) throws -> [String] {
        try server.run("LRANGE", key, 0, -1).array?.compactMap(\.string) ?? []
    }

    @Test func messagesArriveInOrderCappedAtAHundred() throws {
        let server = try TestServer(search: false)
        let writer = RecentLogWriter(settings: Fixtures.settings(server))
        let before = Int(Date().timeIntervalSince1970)
        for i in 0..<250 { #expect(try writer.send(name: "checkout", message: "order \(i) served") == i) }
        let acks = try writer.flush()
        #expect(acks == LogAcks(acknowledged: 250))
        #expect(writer.unacknowledged == 0)
        let entries = try list(server, "recent:checkout:info")
        #expect(entries.count == 100)
        // Newest first: 249 down to 150, each `<asctime> <message>`.
        #expect(entries.map { String($0.dropFirst(25)) } == (150..<250).reversed().map { "order \($0) served" })
        let newest = try #require(entries.first)
        let stamp = try #require(AscTime.parse(newest.prefix(24)))
        #expect(abs(stamp - before) <= 2)
        // A second flush has nothing new to report.
        #expect(try writer.flush() == LogAcks())
    }

    @Test func severityNamesMapLikeTheSeeds() throws {
        let server = try TestServer(search: false)
        let client = FlagtopClient(settings: Fixtures.settings(server))
        let writer = client.logWriter()
        try writer.send(name: "svc", message: "boom", severity: "40")
        try writer.send(name: "svc", message: "hmm", severity: "WARNING")
        try writer.send(name: "svc", message: "fine")
        #expect(try writer.flush().acknowledged == 3)
        #expect(try list(server, "recent:svc:error").map { $0.dropFirst(25) } == ["boom"])
        #expect(try list(server, "recent:svc:warning").map { $0.dropFirst(25) } == ["hmm"])
        #expect(try list(server, "recent:svc:info").map { $0.dropFirst(25) } == ["fine"])
    }

    @Test func wrongTypeKeyIsAFailureNotAnAck() throws {
        let server = try TestServer(search: false)
        try server.run("SET", "recent:bad:info", "a string")
        let writer = RecentLogWriter(settings: Fixtures.settings(server))
        for i in 0..<6 { try writer.send(name: i % 2 == 0 ? "good" : "bad", message: "m\(i)") }
        let acks = try writer.flush()
        #expect(acks.acknowledged == 3)
        #expect(acks.failed == 3)
        #expect(acks.failures.map(\.sequence) == [1, 3, 5])
        #expect(acks.failures.allSatisfy { $0.key == "recent:bad:info" })
        #expect(acks.failures.first?.error == .wrongType(key: "recent:bad:info", type: "key of another type", expected: "list"))
        #expect(try server.run("GET", "recent:bad:info") == .bulk(Array("a string".utf8)))
        #expect(try list(server, "recent:good:info").count == 3)
    }

    @Test func aclDeniedKeyIsAFailureNotAnAck() throws {
        let server = try TestServer(search: false)
        try server.run("ACL", "SETUSER", "logger", "on", ">logpass", "~recent:allowed:*", "+@all")
        let endpoint = RedisEndpoint(address: server.endpoint.address, username: "logger", password: "logpass")
        let writer = RecentLogWriter(settings: FlagtopSettings(endpoint: endpoint))
        try writer.send(name: "allowed", message: "one")
        try writer.send(name: "denied", message: "two")
        try writer.send(name: "allowed", message: "three")
        let acks = try writer.flush()
        #expect(acks.acknowledged == 2)
        #expect(acks.failed == 1)
        let failure = try #require(acks.failures.first)
        #expect(failure.sequence == 1)
        #expect(failure.key == "recent:denied:info")
        #expect(failure.error.isPermissionDenied, "\(failure.error)")
        #expect(try server.run("EXISTS", "recent:denied:info") == .integer(0))
        #expect(try list(server, "recent:allowed:info").map { $0.dropFirst(25) } == ["three", "one"])
    }

    @Test func killedServerMakesFlushThrowWithNothingClaimed() throws {
        let server = try TestServer(search: false)
        let writer = RecentLogWriter(settings: Fixtures.settings(server))
        try writer.send(name: "app", message: "before")
        #expect(try writer.flush().acknowledged == 1)
        // Paused, the server takes the messages in but answers none; then it dies.
        try server.run("CLIENT", "PAUSE", 10_000, "ALL")
        for i in 0..<20 { try writer.send(name: "app", message: "lost \(i)") }
        #expect(writer.unacknowledged == 20)
        server.process.crash()
        var caught: LogStreamError?
        do { _ = try writer.flush() } catch { caught = error }
        let error = try #require(caught, "flush claimed messages a dead server never acknowledged")
        #expect(error.unacknowledged == 20)
        #expect(error.acks.acknowledged == 0)
        if case let .redis(cause) = error.cause { #expect(cause.isConnectionError) } else { Issue.record("\(error.cause)") }
        #expect(writer.unacknowledged == 0)
        // The writer starts afresh on the restarted server.
        try server.process.start()
        try writer.send(name: "app", message: "after")
        #expect(try writer.flush() == LogAcks(acknowledged: 1))
        #expect(try list(server, "recent:app:info").map { $0.dropFirst(25) } == ["after"])
    }

    @Test func unacknowledgedMessagesAreBounded() throws {
        let server = try TestServer(search: false)
        let writer = RecentLogWriter(settings: Fixtures.settings(server), maxUnacknowledged: 3)
        try writer.send(name: "app", message: "connect")
        _ = try writer.flush()
        try server.run("CLIENT", "PAUSE", 300, "ALL")
        let start = ContinuousClock.now
        var most = 0
        for i in 0..<10 {
            try writer.send(name: "app", message: "m\(i)")
            most = max(most, writer.unacknowledged)
        }
        // The fourth send had to wait for the pause to end before the first answer came.
        #expect(ContinuousClock.now - start >= .milliseconds(200))
        #expect(most == 3)
        #expect(try writer.flush().acknowledged == 10)
        #expect(try list(server, "recent:app:info").count == 11)
    }
}
