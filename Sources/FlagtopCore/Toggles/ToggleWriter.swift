import Foundation
import RedisClient

/// The one write path for toggles (kill, restore, set, delete), shared by the CLI, the dashboard and the library.
///
/// Each write is: one pipelined preflight read (`WritePreflight`), a plan (`ToggleWritePlan`), then one atomic
/// step — the Lua script `ToggleWriteScript` (EVAL), or, where the ACL refuses scripts, WATCH + MULTI/EXEC with
/// the checks done before it (MULTI is sent alone and its reply checked first, so the writes are never sent
/// outside a transaction) — and, only after Redis answered, the registry SADD and (with replicas) WAIT, both
/// outside the atomic step and unable to fail it. A lost reply is resolved by reading the toggle back on a fresh
/// connection (`ToggleReadBack`). Nothing here ever touches another toggle's keys.
public struct ToggleWriter: Sendable {
    public let settings: FlagtopSettings
    /// How long to wait for one replica's acknowledgement after a write (`WAIT 1 <ms>`), when there are replicas.
    public var waitMillis: Int

    public init(settings: FlagtopSettings, waitMillis: Int = 500) {
        self.settings = settings
        self.waitMillis = waitMillis
    }

    /// What to write.
    public enum Request: Sendable, Equatable {
        case kill(reason: String)
        case restore(reason: String)
        case set(ToggleStore.Change, reason: String)
        case delete(reason: String)

        var reason: String {
            switch self {
            case let .kill(r), let .restore(r), let .set(_, r), let .delete(r): return r
            }
        }

        var action: String {
            switch self {
            case .kill: return "kill"
            case .restore: return "restore"
            case .set: return "set"
            case .delete: return "delete"
            }
        }
    }

    public func write(_ name: String, _ request: Request, on connection: any RedisClientProtocol) -> ToggleWriteReport {
        var report = ToggleWriteReport(action: request.action, toggle: name, outcome: .notDone(reason: ""))
        guard !settings.readOnly else { report.outcome = .notDone(reason: FlagtopError.readOnly.description); return report }
        guard !name.isEmpty else { report.outcome = .notDone(reason: "toggle name is empty"); return report }
        if case let .set(change, _) = request, let rollout = change.rollout, !(0...100).contains(rollout) {
            report.outcome = .notDone(reason: "rollout must be 0-100, got \(rollout)")
            return report
        }
        let toggleKey = ToggleStore(settings: settings).key(for: name)
        let auditKey = AuditKey.forToggle(key: toggleKey)
        var useScript = true
        var attempt = 0
        while attempt < 5 {
            attempt += 1
            let step = useScript
                ? scriptStep(name, request, toggleKey: toggleKey, auditKey: auditKey, on: connection, report: &report)
                : transactionStep(name, request, toggleKey: toggleKey, auditKey: auditKey, on: connection, report: &report)
            switch step {
            case .finished: return finish(report, name: name, request: request, on: connection)
            case .retry: continue
            case .scriptsRefused(let why):
                guard useScript else { return report }
                useScript = false
                attempt = 0
                report.notes.append("scripts are refused (\(why)); wrote with MULTI/EXEC instead")
            }
        }
        report.outcome = .notDone(reason: "\(name) kept changing while it was written (5 attempts); nothing was written")
        return report
    }

    enum Step { case finished, retry, scriptsRefused(String) }

    // MARK: The script path

    private func scriptStep(_ name: String, _ request: Request, toggleKey: [UInt8], auditKey: [UInt8],
                            on connection: any RedisClientProtocol, report: inout ToggleWriteReport) -> Step {
        guard let (pre, plan) = prepare(name, request, toggleKey: toggleKey, auditKey: auditKey, watch: false, on: connection, report: &report) else {
            return .finished
        }
        report.path = "script"
        report.replicasConnectedHint = pre.connectedReplicas ?? 0
        let op = Self.newOperationID()
        let deadline = (pre.serverMillis ?? 0) > 0 ? pre.serverMillis! + Int64(settings.timeout * 1000) + 1000 : 0
        let entry = pre.entry(plan: plan, name: name, actor: settings.actor, reason: request.reason, op: op)
        var reply: RedisReply = .null
        for allowOOM in [true, false] {
            let command = ToggleWriteScript.command(toggleKey: toggleKey, auditKey: auditKey, plan: plan, deadlineMillis: deadline,
                                                    entry: entry, allowOOM: allowOOM)
            do { reply = try connection.perform(command) } catch {
                return lost(error, name: name, toggleKey: toggleKey, auditKey: auditKey, op: op, deadline: deadline, report: &report)
            }
            // A server without shebang flags (before 7.0) could not compile the script, so nothing ran: send it plain.
            guard allowOOM, case let .error(message) = reply, ToggleWriteScript.isShebangUnsupported(message) else { break }
        }
        if case let .error(message) = reply {
            // The script did not run at all: EVAL itself (or a key it names) was refused.
            let refusal = WriteRefusal.classify(message)
            if refusal == .acl && message.lowercased().contains("'eval'") { return .scriptsRefused(Self.firstLine(message)) }
            if message.uppercased().hasPrefix("ERR UNKNOWN COMMAND") { return .scriptsRefused(Self.firstLine(message)) }
            report.permissionDenied = refusal == .acl
            report.outcome = .notDone(reason: WriteRefusal.describe(message) + "; nothing changed")
            return .finished
        }
        let parts = reply.array?.compactMap { $0.string } ?? []
        let status = parts.first ?? "?"
        let detail = parts.count > 1 ? parts[1] : ""
        switch status {
        case "ok":
            report.outcome = .done
            report.auditID = detail
            report.state = plan.delete ? nil : plan.applied(to: pre.current, key: toggleKey, name: name)
            report.notes += plan.notes
        case "partial":
            report.outcome = .donePartly(problem: "some fields were not removed: \(WriteRefusal.describe(detail))")
            report.auditID = parts.count > 2 ? parts[2] : nil
        case "changed": return .retry
        case "expired":
            report.outcome = .notDone(reason: "the server ran the write after its deadline (it was delayed more than \(settings.timeout) s); nothing changed")
        case "denied":
            report.permissionDenied = true
            report.outcome = .notDone(reason: "denied by the Redis ACL: this user may not run \(detail) on \(RedisBytes.decode(detail == "XADD" ? auditKey : toggleKey)); nothing changed")
        case "xadd-failed", "write-failed":
            report.permissionDenied = WriteRefusal.classify(detail) == .acl
            report.outcome = .notDone(reason: WriteRefusal.describe(detail) + "; nothing changed")
        default:
            report.outcome = .notDone(reason: Self.refusalText(status, detail, name: name, auditKey: auditKey))
        }
        return .finished
    }

    // MARK: The MULTI/EXEC path (scripts refused by the ACL)

    private func transactionStep(_ name: String, _ request: Request, toggleKey: [UInt8], auditKey: [UInt8],
                                 on connection: any RedisClientProtocol, report: inout ToggleWriteReport) -> Step {
        guard let (pre, plan) = prepare(name, request, toggleKey: toggleKey, auditKey: auditKey, watch: true, on: connection, report: &report) else {
            _ = try? connection.perform(RedisCommand("UNWATCH"))
            return .finished
        }
        report.path = "multi"
        report.replicasConnectedHint = pre.connectedReplicas ?? 0
        let op = Self.newOperationID()
        // MULTI alone first: if it is refused, nothing else may be sent (it would run outside a transaction).
        do {
            let multi = try connection.perform(RedisCommand("MULTI"))
            if case let .error(message) = multi {
                _ = try? connection.perform(RedisCommand("UNWATCH"))
                report.permissionDenied = WriteRefusal.classify(message) == .acl
                report.outcome = .notDone(reason: Self.noAtomicWrite(message))
                return .finished
            }
        } catch {
            report.outcome = .notDone(reason: "\(error.description); nothing changed")
            return .finished
        }
        var commands = [RedisCommand(["XADD", auditKey, "MAXLEN", "~", AuditLog.perToggleMaxLength, "*"]
            + pre.entry(plan: plan, name: name, actor: settings.actor, reason: request.reason, op: op).flatMap { [$0.0, $0.1] as [any RedisArgumentConvertible] })]
        if plan.delete {
            commands.append(RedisCommand("DEL", toggleKey))
        } else {
            var hset = RedisCommand("HSET", toggleKey)
            for (f, v) in plan.updates { hset.append(f, v) }
            commands.append(hset)
            if !plan.removals.isEmpty { commands.append(RedisCommand([ "HDEL", toggleKey] + plan.removals.map { $0 as any RedisArgumentConvertible })) }
        }
        commands.append(RedisCommand("EXEC"))
        let replies: [RedisReply]
        do { replies = try connection.pipeline(commands) } catch {
            return lost(error, name: name, toggleKey: toggleKey, auditKey: auditKey, op: op, deadline: 0, report: &report)
        }
        let queued = replies.dropLast()
        if let refused = queued.first(where: { $0.serverError != nil }), case let .error(message) = refused {
            // Refused while queueing (ACL, OOM…): Redis discards the whole transaction.
            report.permissionDenied = WriteRefusal.classify(message) == .acl
            report.outcome = .notDone(reason: WriteRefusal.describe(message) + "; nothing changed")
            return .finished
        }
        switch replies.last! {
        case .null: return .retry
        case let .error(message):
            report.outcome = .notDone(reason: WriteRefusal.describe(message) + "; nothing changed")
            return .finished
        case let .array(results):
            let failures = zip(commands, results).compactMap { command, result -> String? in
                guard case let .error(message) = result else { return nil }
                return "\(command.name) failed: \(Self.firstLine(message))"
            }
            let xaddFailed = results.first?.serverError != nil
            let writeFailed = results.dropFirst().contains { $0.serverError != nil }
            report.auditID = xaddFailed ? nil : results.first?.string
            if failures.isEmpty {
                report.outcome = .done
                report.state = plan.delete ? nil : plan.applied(to: pre.current, key: toggleKey, name: name)
                report.notes += plan.notes
            } else if writeFailed && results.dropFirst().allSatisfy({ $0.serverError != nil }) {
                report.outcome = .notDone(reason: failures.joined(separator: "; ") + (xaddFailed ? "; nothing changed" : "; the toggle is unchanged but an audit entry was written"))
            } else {
                report.outcome = .donePartly(problem: (xaddFailed ? "the audit entry was not written: " : "not completely: ") + failures.joined(separator: "; "))
            }
            return .finished
        default:
            report.outcome = .notDone(reason: "unexpected EXEC reply; nothing changed")
            return .finished
        }
    }

    // MARK: Shared steps

    /// Preflight and plan; nil (with the report filled in) when the write must not go ahead.
    private func prepare(_ name: String, _ request: Request, toggleKey: [UInt8], auditKey: [UInt8], watch: Bool,
                         on connection: any RedisClientProtocol, report: inout ToggleWriteReport) -> (WritePreflight, ToggleWritePlan)? {
        let replies: [RedisReply]
        do {
            replies = try connection.pipeline(WritePreflight.commands(toggleKey: toggleKey, auditKey: auditKey, watch: watch))
        } catch {
            report.outcome = .notDone(reason: "\(error.description); nothing was sent")
            return nil
        }
        let pre = WritePreflight(replies: replies, watch: watch)
        if watch, case let .error(message) = replies[0] {
            report.permissionDenied = WriteRefusal.classify(message) == .acl
            report.outcome = .notDone(reason: Self.noAtomicWrite(message))
            return nil
        }
        if let blocking = pre.blocking {
            report.permissionDenied = WriteRefusal.classify(blocking) == .acl
            report.outcome = .notDone(reason: WriteRefusal.describe(blocking) + "; nothing changed")
            return nil
        }
        if pre.role == "slave" {
            report.outcome = .notDone(reason: "the server is a read-only replica (of \(pre.masterAddress ?? "its master")): write to the master; nothing changed")
            return nil
        }
        if pre.auditType != "stream" && pre.auditType != "none" && pre.auditType != "unknown" {
            report.outcome = .notDone(reason: Self.refusalText("audit-type", pre.auditType, name: name, auditKey: auditKey))
            return nil
        }
        if pre.auditIDFromTheFuture {
            report.outcome = .notDone(reason: Self.refusalText("audit-future", pre.auditLastID ?? "", name: name, auditKey: auditKey))
            return nil
        }
        report.state = Toggle(key: toggleKey, name: name, fields: pre.current.fields)
        let now = Self.isoNow()
        let decision: ToggleWritePlan.Decision
        switch request {
        case let .kill(reason): decision = ToggleWritePlan.kill(name, current: pre.current, reason: reason, actor: settings.actor, now: now)
        case .restore: decision = ToggleWritePlan.restore(name, current: pre.current, actor: settings.actor, now: now)
        case let .set(change, _): decision = ToggleWritePlan.set(name, current: pre.current, change: change, actor: settings.actor, now: now)
        case .delete: decision = ToggleWritePlan.delete(name, current: pre.current)
        }
        switch decision {
        case let .write(plan):
            return (pre, plan)
        case let .nothingToDo(message):
            report.outcome = .done
            report.nothingToDo = true
            report.notes.append(message)
            return nil
        case let .refuse(message):
            report.outcome = .notDone(reason: message)
            return nil
        }
    }

    /// The reply never came: read back on a fresh connection and report what Redis holds.
    private func lost(_ error: RedisError, name: String, toggleKey: [UInt8], auditKey: [UInt8], op: String, deadline: Int64,
                      report: inout ToggleWriteReport) -> Step {
        guard error.isConnectionError, !Self.neverSent(error) else {
            report.outcome = .notDone(reason: "\(error.description); nothing was sent")
            return .finished
        }
        let back = ToggleReadBack(settings: settings).resolve(toggleKey: toggleKey, name: name, auditKey: auditKey, op: op, deadline: deadline)
        report.outcome = .replyLost(readBack: back.conclusion)
        report.state = back.state
        if case let .applied(id) = back.conclusion { report.auditID = id }
        report.notes.append("the write's reply was lost (\(error.description))")
        return .finished
    }

    /// After the atomic step: registry SADD (SREM for delete) and WAIT, outside it; their failures are notes.
    private func finish(_ report: ToggleWriteReport, name: String, request: Request, on connection: any RedisClientProtocol) -> ToggleWriteReport {
        var report = report
        guard report.isApplied, case .done = report.outcome else { return report }
        let registry = RedisCommand(request.action == "delete" ? "SREM" : "SADD", FlagtopSettings.registryKey, RedisBytes.encode(name))
        let preConnected = report.replicasConnectedHint
        var commands = [registry]
        if preConnected > 0 { commands.append(RedisCommand("WAIT", 1, waitMillis)) }
        guard let replies = try? connection.pipeline(commands) else {
            report.notes.append("the registry \(FlagtopSettings.registryKey) was not updated (connection lost after the write)")
            return report
        }
        if case let .error(message) = replies[0] {
            report.notes.append("the registry \(FlagtopSettings.registryKey) was not updated (\(Self.firstLine(message))); the write itself is done")
        }
        if preConnected > 0 {
            var replication = ToggleWriteReport.Replication(acknowledged: 0, connected: preConnected, waitedMillis: waitMillis)
            if case let .error(message) = replies[1] { replication.problem = "WAIT failed: \(Self.firstLine(message))" }
            else { replication.acknowledged = Int(replies[1].int ?? 0) }
            report.replication = replication
            if let id = report.auditID, replication.problem == nil {
                // The atomic entry could not know the acknowledgement; a small follow-up entry records it.
                let auditKey = AuditKey.forToggle(key: ToggleStore(settings: settings).key(for: name))
                let ack = RedisCommand("XADD", auditKey, "MAXLEN", "~", AuditLog.perToggleMaxLength, "*", "action", "replicated",
                                       "toggle", name, "ref", id, "replicas", replication.acknowledged, "replicasConnected", preConnected)
                if let reply = try? connection.perform(ack), reply.serverError == nil {} else {
                    report.notes.append("the replica count was not recorded in the audit")
                }
            }
        }
        return report
    }

    /// Scripts were refused, and so is WATCH or MULTI: the write cannot be atomic, so it is not made at all.
    static func noAtomicWrite(_ message: String) -> String {
        let prefix = WriteRefusal.classify(message) == .acl ? "denied by the Redis ACL: " : ""
        return prefix + "this user may run neither scripts (EVAL) nor transactions (WATCH/MULTI), so the write cannot be atomic (\(firstLine(message))); nothing changed"
    }

    static func refusalText(_ status: String, _ detail: String, name: String, auditKey: [UInt8]) -> String {
        let audit = RedisBytes.decode(auditKey)
        switch status {
        case "toggle-type": return "\(name) is a \(detail), not a hash — not a toggle. Nothing changed"
        case "missing": return "toggle '\(name)' not found"
        case "not-toggle": return "\(name) is a hash without a toggle field — not a toggle. Nothing changed"
        case "audit-type": return "the audit key \(audit) is a \(detail), not a stream: flagtop will not write into it (rename or delete it); nothing changed"
        case "audit-future":
            return "the audit stream \(audit) has an entry id from the future (\(detail)), so a new entry could not be dated: trim it (XTRIM \(audit) MINID …) or delete it; nothing changed"
        default: return "refused (\(status) \(detail)); nothing changed"
        }
    }

    /// Errors raised before anything reached the server.
    static func neverSent(_ error: RedisError) -> Bool {
        switch error {
        case .connectionRefused, .disconnected, .authFailed, .invalidURL: return true
        default: return false
        }
    }

    static func firstLine(_ text: String) -> String { String(text.split(whereSeparator: { $0.isNewline }).first ?? "") }

    static func newOperationID() -> String {
        var rng = SystemRandomNumberGenerator()
        return String(rng.next() as UInt64, radix: 16) + String(rng.next() as UInt64, radix: 16)
    }

    static func isoNow() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}
