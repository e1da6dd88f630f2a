import Foundation
import Testing
import FlagtopTestSupport

/// Command and connect timeouts fire on time and leave a connection that recovers.
@Suite(.serialized) struct TimeoutTests {
    @Test func commandTimeoutFiresDuringClientPauseAndRecovers() throws {
        let server = try TestServer(search: false)
        let slow = try RedisConnection(connectingTo: server.endpoint, options: quickOptions(commandTimeout: 0.3))
        try slow.send("SET", "k", "v")
        let admin = try server.connection()
        let pausedAt = ContinuousClock.now
        try admin.send("CLIENT", "PAUSE", 2000)

        let (error, took) = timed { redisError { try slow.send("GET", "k") } }
        guard case .timeout = error else {
            Issue.record("expected .timeout, got \(String(describing: error))")
            return
        }
        #expect(took >= 0.25 && took < 1.2, "timed out after \(took)s")
        #expect(error?.isConnectionError == true)
        #expect(!slow.isConnected)

        // Once the pause is over the next call reconnects; the late reply to the old GET is never seen.
        let left = 2.2 - seconds(pausedAt.duration(to: .now))
        if left > 0 { usleep(UInt32(left * 1_000_000)) }
        #expect(try slow.send("ECHO", "fresh") == .bulk(b("fresh")))
        #expect(try slow.send("GET", "k") == .bulk(b("v")))
        #expect(slow.connectCount == 2)
    }

    @Test func commandTimeoutFiresDuringDebugSleep() throws {
        let server = try TestServer(search: false)
        let slow = try RedisConnection(connectingTo: server.endpoint, options: quickOptions(commandTimeout: 0.3))
        let endpoint = server.endpoint
        let done = DispatchSemaphore(value: 0)
        // A connection belongs to one thread, so the sleeper builds its own there.
        let thread = Thread {
            let sleeper = try? RedisConnection(connectingTo: endpoint, options: quickOptions(commandTimeout: 10))
            _ = try? sleeper?.send("DEBUG", "SLEEP", 1.5)
            done.signal()
        }
        thread.start()
        usleep(150_000)   // let DEBUG SLEEP reach the server first
        let (error, took) = timed { redisError { try slow.send("PING") } }
        #expect(error.map { if case .timeout = $0 { true } else { false } } == true, "\(String(describing: error))")
        #expect(took < 1.0, "timed out after \(took)s")
        done.wait()
        #expect(try slow.send("PING") == .status("PONG"))
        #expect(slow.connectCount == 2)
    }

    @Test func zeroCommandTimeoutWaitsForTheReply() throws {
        let server = try TestServer(search: false)
        let c = try RedisConnection(connectingTo: server.endpoint, options: quickOptions(commandTimeout: 0))
        let (reply, took) = try timed { try c.send("BLPOP", "nothing", 0.6) }
        #expect(reply == .null)
        #expect(took >= 0.5, "returned after \(took)s")
    }

    /// Some kernels complete handshakes even with a full backlog; then there is nothing to time out, and the
    /// test is reported as skipped (not as a pass).
    static let canStallAConnect: Bool = {
        guard let probe = try? StuckListener() else { return false }
        probe.close()
        return true
    }()

    @Test(.enabled(if: TimeoutTests.canStallAConnect, "this kernel completes handshakes even with a full accept queue"))
    func connectTimeoutOnAListenerThatNeverAccepts() throws {
        let listener = try #require(try StuckListener())
        defer { listener.close() }
        let c = RedisConnection(
            endpoint: RedisEndpoint(address: .tcp(host: "127.0.0.1", port: listener.port)),
            options: quickOptions(commandTimeout: 5, connectTimeout: 0.4, clientName: nil)
        )
        let (error, took) = timed { redisError { try c.connect() } }
        guard case let .timeout(message) = error else {
            Issue.record("expected .timeout, got \(String(describing: error))")
            return
        }
        #expect(message.contains("connect"), "\(message)")
        #expect(took >= 0.3 && took < 2.0, "gave up after \(took)s")
        #expect(!c.isConnected)
    }
}
