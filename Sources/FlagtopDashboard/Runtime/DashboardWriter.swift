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

/// What happened to a write: the same report the CLI prints (done, done partly, not done, reply lost).
public struct WriteOutcome: Sendable, Equatable {
    public var job: WriteJob
    public var report: ToggleWriteReport
}

/// Runs writes on its own thread and connection, so a kill never waits behind a refresh; checks whether writes
/// are possible (`WriteAccessProbe`, which never writes) on connect, periodically (a replica promoted under the
/// dashboard gets K back) and after a write was refused.
public final class DashboardWriter: @unchecked Sendable {
    public let settings: FlagtopSettings
    /// How often write access is checked again while connected.
    public var probeInterval: Double = 5
    /// `WAIT 1 <ms>` after a write when the server has replicas.
    public var replicaWaitMillis = 500
    private let onOutcome: @Sendable (WriteOutcome) -> Void
    private let onAccess: @Sendable (WriteAccess) -> Void
    private let queue = Locked<[WriteJob]>([])
    /// The job being written, if any (for `settle` on quit).
    private let current = Locked<WriteJob?>(nil)
    private let finished = Locked<[WriteOutcome]>([])
    private let signal = NSCondition()
    private let stopped = Locked(false)
    private let recheck = Locked(false)

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
        wake()
    }

    public func stop() {
        stopped.set(true)
        wake()
    }

    /// On quit: waits up to `timeout` seconds for the writes still queued or in flight, and returns one line per
    /// write that ended while waiting (its outcome) or that did not end in time (saying its outcome is unknown).
    /// Lines for writes that ended before the call are not repeated (the status line showed them).
    public func settle(timeout: Double) -> [String] {
        let start = finished.get().count
        let pending = (current.get().map { [$0] } ?? []) + queue.get()
        guard !pending.isEmpty else { return [] }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && (current.get() != nil || !queue.get().isEmpty) { usleep(20_000) }
        var lines = finished.get().dropFirst(start).map { Self.exitLine($0.report) }
        let left = (current.get().map { [$0] } ?? []) + queue.get()
        for job in left {
            lines.append("flagtop: the \(job.action.rawValue) of \(job.toggle) was still waiting for Redis when flagtop exited: outcome unknown — check with `flagtop toggle \(job.toggle)`")
        }
        return lines
    }

    static func exitLine(_ report: ToggleWriteReport) -> String { "flagtop: " + report.summary }

    private func wake() {
        signal.lock()
        signal.signal()
        signal.unlock()
    }

    private func run() {
        let connection = RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-writer"))
        let writer = ToggleWriter(settings: settings, waitMillis: replicaWaitMillis)
        var checkedGeneration = -1
        var lastCheck = Date.distantPast
        // A real write refused by the ACL or a read-only replica: it stands while the probe can only assume
        // (a user without DRYRUN, MULTI or GETUSER), until a reconnect or a minute has passed.
        var refusedByWrite: (reason: String, at: Date, generation: Int)?
        while !stopped.get() {
            if settings.readOnly {
                if checkedGeneration == -1 { onAccess(.denied(reason: "read-only mode (--read-only)")); checkedGeneration = 0 }
            } else if connection.connectCount != checkedGeneration || recheck.get() || Date().timeIntervalSince(lastCheck) > probeInterval {
                // On (re)connect, after a refused write, and periodically: a role change (failover, REPLICAOF NO ONE)
                // or an ACL change shows up within `probeInterval`.
                lastCheck = Date()
                recheck.set(false)
                if let verdict = WriteAccessProbe.verdict(connection, settings: settings) {
                    checkedGeneration = connection.connectCount
                    if let refused = refusedByWrite, verdict.established || refused.generation != checkedGeneration
                        || Date().timeIntervalSince(refused.at) > 60 {
                        refusedByWrite = nil
                    }
                    onAccess(refusedByWrite.map { .denied(reason: $0.reason) } ?? verdict.access)
                }
            }
            let job: WriteJob? = queue.update { q in
                guard !q.isEmpty else { return nil }
                let next = q.removeFirst()
                current.set(next)
                return next
            }
            if let job {
                let report = Self.perform(job, writer: writer, connection: connection)
                if case let .notDone(reason) = report.outcome, let cause = Self.accessCause(reason) {
                    refusedByWrite = (cause, Date(), connection.connectCount)
                    recheck.set(true)
                } else if report.isApplied {
                    refusedByWrite = nil
                }
                let outcome = WriteOutcome(job: job, report: report)
                finished.update { $0.append(outcome) }
                current.set(nil)
                onOutcome(outcome)
                continue
            }
            signal.lock()
            if queue.get().isEmpty && !stopped.get() { _ = signal.wait(until: Date().addingTimeInterval(min(1, probeInterval))) }
            signal.unlock()
        }
    }

    /// The access reason a refused write teaches (ACL or read-only replica), from the report's reason.
    static func accessCause(_ reason: String) -> String? {
        if reason.hasPrefix("denied by the Redis ACL") { return "the Redis ACL denies writes (a kill was refused)" }
        if reason.hasPrefix("the server is a read-only replica") { return "the server is a read-only replica" }
        return nil
    }

    static func perform(_ job: WriteJob, writer: ToggleWriter, connection: any RedisClientProtocol) -> ToggleWriteReport {
        switch job.action {
        case .kill: return writer.write(job.toggle, .kill(reason: job.reason), on: connection)
        case .restore: return writer.write(job.toggle, .restore(reason: job.reason), on: connection)
        }
    }

    /// The reducer's view of a report: success (with the note shown after "killed X — "), or a failure whose kind
    /// says whether anything changed.
    public static func result(of report: ToggleWriteReport) -> Result<String, WriteFailure> {
        let state = report.state.map { "toggle is \($0.rawToggle ?? "?")" } ?? ""
        switch report.outcome {
        case .done:
            if report.nothingToDo { return .failure(WriteFailure(report.notes.first ?? "nothing to do", kind: .nothingToDo)) }
            if report.exitStatus == 5 { return .failure(WriteFailure(report.replicationText ?? "", kind: .donePartly)) }
            let parts = [state, report.replicationText ?? "", report.notes.first ?? ""].filter { !$0.isEmpty }
            return .success(parts.joined(separator: "; "))
        case .donePartly(let problem):
            return .failure(WriteFailure(problem, kind: .donePartly))
        case .notDone(let reason):
            return .failure(WriteFailure(reason, kind: .notDone))
        case .replyLost(let readBack):
            switch readBack {
            case .applied: return .success("the reply was lost; read back: applied and audited; " + state)
            case .notApplied: return .failure(WriteFailure("the reply was lost; read back on a new connection: not applied, and it can no longer land", kind: .notDone))
            case .notAppliedYet, .unknown: return .failure(WriteFailure(report.summary, kind: .unknown))
            }
        }
    }
}
