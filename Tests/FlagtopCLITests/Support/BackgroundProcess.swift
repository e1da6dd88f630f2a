import Foundation

/// A long-running child (`logs --follow`, `redis-cli MONITOR`) whose stdout is read incrementally.
final class BackgroundProcess: @unchecked Sendable {
    private let process = Process()
    private let out = Pipe()
    private let lock = NSLock()
    private var buffer = Data()

    init(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.buffer.append(data) }
        }
        try SignalMask.spawning { try process.run() }
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

    var isRunning: Bool { process.isRunning }

    /// SIGTERM, then SIGKILL if it is still there after a second.
    func terminate() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(1)
            while process.isRunning && Date() < deadline { usleep(5_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
