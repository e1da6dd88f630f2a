import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The library's streaming log writer and the change-tracking sink over TLS (the same wire path as calls).
@Suite(.serialized) struct TLSLibraryTests {
    @Test func streamingLogWriterOverTLS() throws {
        let tls = try TLSTestServer()
        let writer = RecentLogWriter(connection: RedisConnection(endpoint: tls.endpoint()))
        for i in 0..<300 { _ = try writer.send(name: "checkout", message: "line \(i)", severity: "info") }
        let acks = try writer.flush()
        #expect(acks.acknowledged == 300 && acks.failed == 0, "\(acks)")
        #expect(try tls.server.run("LLEN", "recent:checkout:info") == .integer(100))
    }

    @Test func trackingSinkHearsChangesOverTLS() throws {
        let tls = try TLSTestServer()
        try tls.server.run("HSET", "useNewAlgorithm", "toggle", "True")
        let feed = InvalidationFeed(endpoint: tls.endpoint(), options: RedisConnectionOptions(clientName: "flagtop-sink"))
        let tracked = try RedisConnection(connectingTo: tls.endpoint())
        #expect(feed.track(tracked))
        #expect(feed.isTracking)
        _ = try tracked.send("HGETALL", "useNewAlgorithm")  // read once: now Redis reports its changes
        _ = feed.drain()
        try tls.server.run("HSET", "useNewAlgorithm", "toggle", "False")
        var heard: InvalidationFeed.Changes = .keys([])
        let deadline = Date().addingTimeInterval(3)
        while heard == .keys([]) && Date() < deadline {
            heard = feed.drain()
            if heard == .keys([]) { usleep(5_000) }
        }
        #expect(heard == .keys([Array("useNewAlgorithm".utf8)]), "\(heard)")
        feed.stop()
    }
}
