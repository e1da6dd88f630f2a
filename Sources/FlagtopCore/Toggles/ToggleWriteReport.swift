/// What happened to one toggle write, told the same way by the CLI, the dashboard and the library (docs/data-layout.md, "Writes"):
/// the outcome always equals what Redis holds.
public struct ToggleWriteReport: Sendable, Equatable {
    /// The four ways a write can end.
    public enum Outcome: Sendable, Equatable {
        /// Written and audited (one atomic step).
        case done
        /// Written, but not completely: the audit entry (or part of the change) is missing; `problem` says what.
        case donePartly(problem: String)
        /// Nothing changed; `reason` names why (ACL, read-only replica, not a toggle, planted audit id…).
        case notDone(reason: String)
        /// The reply never came. `readBack` is what Redis held when read again on a fresh connection.
        case replyLost(readBack: ReadBack)
    }

    /// The conclusion of reading a toggle back after its write's reply was lost.
    public enum ReadBack: Sendable, Equatable {
        /// The write's own audit entry is there: it was applied (audit and change together).
        case applied(auditID: String)
        /// Not applied, and it can no longer land (the script's deadline has passed on the server's clock).
        case notApplied
        /// Not applied when read, but a transaction still in flight could land later (no deadline possible).
        case notAppliedYet
        /// Redis could not be read back; the outcome is unknown.
        case unknown(String)
    }

    /// What replicas acknowledged (`WAIT`), when the server had any.
    public struct Replication: Sendable, Equatable {
        public var acknowledged: Int
        public var connected: Int
        public var waitedMillis: Int
        /// WAIT itself failed (denied by the ACL…): acknowledgement unknown.
        public var problem: String?
    }

    public var action: String
    public var toggle: String
    public var outcome: Outcome
    /// The toggle as Redis holds it after the write (or as read back); nil when unknown or deleted.
    public var state: Toggle?
    /// The audit entry's stream id.
    public var auditID: String?
    public var replication: Replication?
    /// Side notes: a second kill, a registry SADD that failed (never fails the write), the path taken.
    public var notes: [String] = []
    /// How the write went: a script, or MULTI/EXEC where the ACL refuses scripts.
    public var path: String?
    /// Whether nothing was written because Redis's ACL denied it.
    public var permissionDenied = false
    /// Whether a no-op was recognised (restore of a toggle that is on): success without a write.
    public var nothingToDo = false
    /// Replicas the server had when the write was prepared (`connected_slaves`); WAIT is sent only when > 0.
    var replicasConnectedHint = 0

    /// The CLI's exit status for this report (README: "Exit status").
    public var exitStatus: Int32 {
        switch outcome {
        case .done:
            if let replication, replication.connected > 0, replication.acknowledged == 0 { return 5 }
            return 0
        case .donePartly: return 3
        case .notDone: return 1
        case .replyLost(let readBack):
            switch readBack {
            case .applied: return 0
            case .notApplied: return 1
            case .notAppliedYet, .unknown: return 4
            }
        }
    }

    /// Whether Redis holds the change (done, done partly, or proved applied by the read-back).
    public var isApplied: Bool {
        switch outcome {
        case .done, .donePartly: return !nothingToDo
        case .replyLost(.applied): return true
        default: return false
        }
    }

    /// "killed" / "restored" / "set" / "created" / "deleted".
    public var pastTense: String {
        switch action {
        case "kill": return "killed"
        case "restore": return "restored"
        case "create": return "created"
        case "delete": return "deleted"
        default: return "set"
        }
    }

    /// One line for a person (the CLI prints it, the dashboard shows it): the outcome first, then the state.
    public var summary: String {
        let stateText = state.map { "toggle is \($0.rawToggle ?? "?")" } ?? ""
        switch outcome {
        case .done:
            if nothingToDo { return notes.first ?? "nothing to do" }
            return "\(pastTense) \(toggle)" + (stateText.isEmpty ? "" : ": \(stateText)") + (replicationText.map { "; \($0)" } ?? "")
        case .donePartly(let problem):
            return "\(pastTense) \(toggle), but \(problem)" + (stateText.isEmpty ? "" : " (\(stateText))")
        case .notDone(let reason):
            return "\(action) \(toggle) not done: \(reason)"
        case .replyLost(let readBack):
            let held = state.map { "Redis holds toggle=\($0.rawToggle ?? "(none)")" } ?? "Redis holds no such toggle"
            switch readBack {
            case .applied(let id):
                return "the reply to the \(action) was lost; read back on a new connection: \(pastTense) \(toggle) and audited (\(id)); \(held)"
            case .notApplied:
                return "the reply to the \(action) was lost; read back on a new connection: not \(pastTense), nothing changed (it can no longer land); \(held)"
            case .notAppliedYet:
                return "the reply to the \(action) was lost; read back on a new connection: not \(pastTense) yet, but it may still land — check again with `flagtop toggle \(toggle)`; \(held)"
            case .unknown(let why):
                return "the reply to the \(action) was lost and \(toggle) could not be read back (\(why)): outcome unknown — check with `flagtop toggle \(toggle)`"
            }
        }
    }

    /// "on 1 of 1 replicas" / "on the master only: no replica confirmed within 500 ms".
    public var replicationText: String? {
        guard let replication, replication.connected > 0 else { return nil }
        if let problem = replication.problem { return "replicas not confirmed (\(problem))" }
        if replication.acknowledged == 0 {
            return "on the master only: no replica confirmed within \(replication.waitedMillis) ms"
        }
        return "on \(replication.acknowledged) of \(replication.connected) replicas"
    }
}
