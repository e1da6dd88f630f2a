import FlagtopTestSupport
import Foundation

/// A long-running child (`logs --follow`, `redis-cli MONITOR`) whose stdout is read incrementally by a plain
/// thread (never Dispatch, whose two workers may be busy with blocking tests on a 2-core machine).
final class BackgroundProcess: @unchecked Sendable {
    private let child: ChildProcess
    private let lock = NSLock()
    private var buffer: [UInt8] = []

    init(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw CocoaError(.fileReadUnknown) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        child = try ChildProcess(program, arguments, environment: environment, stdout: fds[1])
        close(fds[1])
        let readFD = fds[0]
        Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 16384)
            while true {
                let n = read(readFD, &chunk, chunk.count)
                if n > 0 { lock.withLock { buffer.append(contentsOf: chunk[0..<n]) } } else if n < 0 && errno == EINTR { continue } else { break }
            }
            close(readFD)
        }.start()
    }

    var output: String { lock.withLock { String(decoding: buffer, as: UTF8.self) } }

    /// Waits (polling every 10 ms) until `condition` holds for the output so far; returns whether it did.
    func waitFor(timeout: Double = 5, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(output) { return true }
            usleep(10_000)
        }
        return condition(output)
    }

    var isRunning: Bool { child.isRunning }

    var pid: pid_t { child.pid }

    /// SIGTERM, then SIGKILL if it is still there after a second.
    func terminate() {
        child.signal(SIGTERM)
        if child.wait(timeout: 1) == nil {
            child.signal(SIGKILL)
            child.wait()
        }
    }

    deinit { if child.isRunning { child.signal(SIGKILL); child.wait(timeout: 1) } }
}
