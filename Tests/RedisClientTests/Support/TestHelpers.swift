import Foundation
import Testing
import FlagtopTestSupport

/// A password distinctive enough that finding it in any text means it leaked.
let secretPassword = "hunter2-SECRET"

/// Runs `body` and returns the `RedisError` it threw, or nil when it did not throw.
/// (Untyped `throws` so one-line closures infer; any other error type is a test failure.)
func redisError<T>(_ body: () throws -> T) -> RedisError? {
    do {
        _ = try body()
        return nil
    } catch let error as RedisError {
        return error
    } catch {
        Issue.record("expected a RedisError, got \(error)")
        return nil
    }
}

/// Runs `body` and returns its result with the wall-clock seconds it took.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    return (value, seconds(start.duration(to: clock.now)))
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// The bytes of a string (test data is easier to write as text).
func b(_ s: String) -> [UInt8] { Array(s.utf8) }

/// Whether `text` contains the secret password (or its most telling fragments).
func leaks(_ text: String, _ secret: String = secretPassword) -> Bool {
    text.contains(secret) || secret.split(separator: "-").contains { $0.count >= 6 && text.contains($0) }
}

/// A unix-socket endpoint for a server, with optional credentials and database.
func unixEndpoint(_ server: TestServer, user: String? = nil, password: String? = nil, db: Int = 0) -> RedisEndpoint {
    RedisEndpoint(address: .unix(path: server.process.socketPath), username: user, password: password, database: db)
}

/// Options with a short command timeout and no client name unless asked.
func quickOptions(
    commandTimeout: Double = 5, connectTimeout: Double = 2, clientName: String? = "flagtop-test",
    backoff: Backoff = Backoff()
) -> RedisConnectionOptions {
    RedisConnectionOptions(connectTimeout: connectTimeout, commandTimeout: commandTimeout, clientName: clientName, backoff: backoff)
}

/// Calls `body` until it stops throwing or `timeout` passes; returns the last error if it never succeeded.
func eventually<T>(timeout: Double = 10, _ body: () throws -> T) -> Result<T, RedisError> {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        do {
            return .success(try body())
        } catch {
            if Date() >= deadline { return .failure(error as? RedisError ?? .protocolError("\(error)")) }
            usleep(50_000)
        }
    }
}

/// A fresh temp directory, removed by the caller.
func makeTempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flagtop-rct-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
