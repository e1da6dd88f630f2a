import Foundation
import RedisLauncher

/// Stops, when the test process exits, every private server still running: suites share servers through
/// `static let` fixtures, which Swift never deinitialises, and a cluster left behind would hold its ports.
enum ExitCleanup {
    private final class Entry: @unchecked Sendable {
        weak var process: RedisServerProcess?
        init(_ process: RedisServerProcess) { self.process = process }
    }

    private static let entries = NSLockedArray()
    private static let installed: Void = { atexit { ExitCleanup.stopAll() } }()

    static func register(_ process: RedisServerProcess) {
        _ = installed
        entries.append(Entry(process))
    }

    private static func stopAll() {
        for entry in entries.drain() { (entry as? Entry)?.process?.stop() }
    }

    /// A tiny locked list (the test support's only shared mutable state).
    private final class NSLockedArray: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [AnyObject] = []
        func append(_ item: AnyObject) { lock.withLock { items.removeAll { ($0 as? Entry)?.process == nil }; items.append(item) } }
        func drain() -> [AnyObject] { lock.withLock { defer { items = [] }; return items } }
    }
}

/// Cleanup closures run when the test process exits (for processes that are not a `RedisServerProcess`).
public enum ExitCleanupHook {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var hooks: [@Sendable () -> Void] = []
    private static let installed: Void = { atexit { ExitCleanupHook.runAll() } }()

    public static func register(_ hook: @escaping @Sendable () -> Void) {
        _ = installed
        lock.withLock { hooks.append(hook) }
    }

    private static func runAll() {
        let all = lock.withLock { () -> [@Sendable () -> Void] in defer { hooks = [] }; return hooks }
        for hook in all { hook() }
    }
}
