import Foundation
import Testing
import FlagtopTestSupport

/// Refused connections fail fast, and failed connects back off exponentially without touching the network.
@Suite struct BackoffTests {
    @Test func backoffArithmeticIsExponentialAndCapped() {
        var backoff = Backoff(initial: 0.1, maximum: 1.0, factor: 2)
        #expect(backoff.currentDelay == 0)
        var delays: [Double] = []
        for _ in 0..<7 {
            backoff.recordFailure()
            delays.append(backoff.currentDelay)
        }
        let expected = [0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0]
        #expect(zip(delays, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "\(delays)")
        #expect(backoff.failures == 7)
        backoff.reset()
        #expect(backoff.failures == 0 && backoff.currentDelay == 0)

        var triple = Backoff(initial: 0.5, maximum: 10, factor: 3)
        var got: [Double] = []
        for _ in 0..<5 { triple.recordFailure(); got.append(triple.currentDelay) }
        #expect(zip(got, [0.5, 1.5, 4.5, 10, 10]).allSatisfy { abs($0 - $1) < 1e-9 }, "\(got)")

        // Many failures stay capped (and cheap); an initial above the cap is capped too.
        var many = Backoff(initial: 0.1, maximum: 5)
        for _ in 0..<100_000 { many.recordFailure() }
        #expect(many.currentDelay == 5)
        var high = Backoff(initial: 9, maximum: 2)
        high.recordFailure()
        #expect(high.currentDelay == 2)
    }

    @Test func refusedOnAMissingUnixSocketIsQuick() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = RedisConnection(endpoint: RedisEndpoint(address: .unix(path: dir.appendingPathComponent("none.sock").path)))
        let (error, took) = timed { redisError { try c.connect() } }
        guard case let .connectionRefused(message) = error else {
            Issue.record("expected .connectionRefused, got \(String(describing: error))")
            return
        }
        #expect(message.contains("none.sock"), "\(message)")
        #expect(took < 0.5)
    }

    @Test func refusedOnAClosedTCPPortIsQuick() throws {
        let port = try closedLoopbackPort()
        let c = RedisConnection(endpoint: RedisEndpoint(address: .tcp(host: "127.0.0.1", port: port), password: secretPassword))
        let (error, took) = timed { redisError { try c.send("PING") } }
        guard case let .connectionRefused(message) = error else {
            Issue.record("expected .connectionRefused, got \(String(describing: error))")
            return
        }
        #expect(message.contains("\(port)"), "\(message)")
        #expect(!leaks(message))
        #expect(took < 0.5)
        #expect(c.retryIn.map { $0 > 0 && $0 <= 0.1 } == true, "\(String(describing: c.retryIn))")
    }

    /// A failed connect opens a backoff window; calls inside it throw `.disconnected` and do not connect,
    /// which shows because the socket path becomes reachable meanwhile (a symlink to a live server).
    @Test func callsInsideTheBackoffWindowDoNotConnect() throws {
        let server = try TestServer(search: false)
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("later.sock").path
        let c = RedisConnection(
            endpoint: RedisEndpoint(address: .unix(path: path)),
            options: quickOptions(backoff: Backoff(initial: 30, maximum: 60))
        )
        let first = redisError { try c.send("PING") }
        guard case .connectionRefused = first else {
            Issue.record("expected .connectionRefused, got \(String(describing: first))")
            return
        }
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: server.process.socketPath)
        for _ in 0..<5 {
            let error = redisError { try c.send("PING") }
            guard case let .disconnected(retryIn, lastError) = error else {
                Issue.record("expected .disconnected, got \(String(describing: error))")
                return
            }
            #expect(retryIn > 25 && retryIn <= 30, "retryIn \(retryIn)")
            #expect(lastError.contains("later.sock"), "\(lastError)")
            #expect(error?.description.contains("retrying in") == true)
        }
        #expect(c.connectCount == 0)
        #expect(try server.run("CLIENT", "LIST").string?.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1)
        // connect() ignores the window; the path now works, which the loop above would have found.
        try c.connect()
        #expect(c.connectCount == 1)
        #expect(try c.send("PING") == .status("PONG"))
        #expect(c.retryIn == nil)
    }

    @Test func backoffGrowsWithEachFailedAttemptAndResetsOnSuccess() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = RedisConnection(
            endpoint: RedisEndpoint(address: .unix(path: dir.appendingPathComponent("x.sock").path)),
            options: quickOptions(backoff: Backoff(initial: 0.2, maximum: 0.5))
        )
        var windows: [Double] = []
        for _ in 0..<3 {
            guard case .connectionRefused = redisError({ try c.send("PING") }) else {
                Issue.record("expected a real attempt once the window passed")
                return
            }
            let window = try #require(c.retryIn)
            windows.append(window)
            guard case .disconnected = redisError({ try c.send("PING") }) else {
                Issue.record("expected .disconnected inside the window")
                return
            }
            usleep(UInt32((window + 0.05) * 1_000_000))
        }
        // 0.2, 0.4, then capped at 0.5.
        #expect(windows.count == 3)
        #expect(abs(windows[0] - 0.2) < 0.05 && abs(windows[1] - 0.4) < 0.05 && abs(windows[2] - 0.5) < 0.05, "\(windows)")
    }
}

/// A loopback port nobody listens on: bound, then closed.
func closedLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &addr) { ptr in
        ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
    }
    guard ok else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: addr.sin_port))
}
