import FlagtopCore
import FlagtopUI
import Foundation
import RedisClient

/// A kill or restore asked for from the dashboard.
public struct WriteJob: Sendable, Equatable {
    public typealias Action = WriteAction
    public var action: Action
    public var toggle: String
    public var reason: String

    public init(action: Action, toggle: String, reason: String) {
        self.action = action
        self.toggle = toggle
        self.reason = reason
    }
}

/// What happened to a write: success only after Redis acknowledged the MULTI/EXEC.
public struct WriteOutcome: Sendable, Equatable {
    public var job: WriteJob
    /// The toggle as written, or the one-line failure.
    public var result: Result<Toggle, WriteError>
}

/// A write that did not happen, with its one-line reason.
public struct WriteError: Error, Sendable, Equatable {
    public var message: String
    public var permissionDenied: Bool
}

/// Runs writes on its own thread and connection, so a kill never waits behind a refresh.
public final class DashboardWriter: @unchecked Sendable {
    public let settings: FlagtopSettings
    private let onOutcome: @Sendable (WriteOutcome) -> Void
    private let onAccess: @Sendable (WriteAccess) -> Void
    private let queue = Locked<[WriteJob]>([])
    private let signal = NSCondition()
    private let stopped = Locked(false)

    public init(settings: FlagtopSettings, onAccess: @escaping @Sendable (WriteAccess) -> Void, onOutcome: @escaping @Sendable (WriteOutcome) -> Void) {
        self.settings = settings
        self.onAccess = onAccess
        self.onOutcome = onOutcome
    }

    public func start() {
        WorkerThread.start(name: "flagtop-writer") { [self] in run() }
    }

    public func submit(_ job: WriteJob) {
        queue.update { $0.append(job) }
        signal.lock()
        signal.signal()
        signal.unlock()
    }

    public func stop() {
        stopped.set(true)
        signal.lock()
        signal.signal()
        signal.unlock()
    }

    private func run() {
        let connection = RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-writer"))
        let store = ToggleStore(settings: settings)
        var checkedGeneration = -1
        var lastCheck = Date.distantPast
        while !stopped.get() {
            if settings.readOnly {
                if checkedGeneration == -1 { onAccess(.denied(reason: "read-only mode (--read-only)")); checkedGeneration = 0 }
            } else if connection.connectCount != checkedGeneration || (checkedGeneration <= 0 && Date().timeIntervalSince(lastCheck) > 2) {
                lastCheck = Date()
                if let access = Self.probeAccess(connection, store: store) {
                    checkedGeneration = connection.connectCount
                    onAccess(access)
                }
            }
            let job: WriteJob? = queue.update { $0.isEmpty ? nil : $0.removeFirst() }
            if let job {
                onOutcome(WriteOutcome(job: job, result: Self.perform(job, store: store, connection: connection)))
                continue
            }
            signal.lock()
            if queue.get().isEmpty && !stopped.get() { _ = signal.wait(until: Date().addingTimeInterval(1)) }
            signal.unlock()
        }
    }

    static func perform(_ job: WriteJob, store: ToggleStore, connection: RedisConnection) -> Result<Toggle, WriteError> {
        do {
            switch job.action {
            case .kill: return .success(try store.kill(job.toggle, reason: job.reason, on: connection))
            case .restore: return .success(try store.restore(job.toggle, reason: job.reason, on: connection))
            }
        } catch {
            return .failure(WriteError(message: error.description, permissionDenied: error.isPermissionDenied))
        }
    }

    /// Asks Redis whether this user may write toggles without writing anything: commands queued inside a MULTI
    /// are checked against the ACL when queued, and DISCARD drops them unexecuted. nil when Redis is unreachable.
    static func probeAccess(_ connection: RedisConnection, store: ToggleStore) -> WriteAccess? {
        let probeKey = store.key(for: "flagtop-acl-probe")
        let replies: [RedisReply]
        do {
            replies = try connection.pipeline([
                RedisCommand("MULTI"),
                RedisCommand("HSET", probeKey, "toggle", "False"),
                RedisCommand("SADD", FlagtopSettings.registryKey, "flagtop-acl-probe"),
                RedisCommand("XADD", FlagtopSettings.auditKey, "*", "probe", "1"),
                RedisCommand("DISCARD"),
            ])
        } catch {
            return nil
        }
        for reply in replies.dropFirst().dropLast() {
            if case let .error(message) = reply {
                return .denied(reason: "the Redis ACL denies writes: " + String(message.prefix(while: { $0 != "\n" })))
            }
        }
        return .allowed
    }
}
