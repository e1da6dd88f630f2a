import FlagtopCore
import FlagtopDashboard
import FlagtopUI

/// The snapshot's parts, read straight off an outcome (empty when Redis was not reached).
extension RefreshOutcome {
    var toggles: [Toggle] { data?.toggles ?? [] }
    var sessions: [SessionContext] { data?.sessions ?? [] }
    var sessionCount: Int { data?.sessionCount ?? 0 }
    var errors: ErrorSearchResult? { data?.errors }
    var errorQueryProblem: String? { data?.errorQueryProblem }
    var errorCounts: [String: ToggleErrorStats] { data?.errorStats ?? [:] }
    var logs: [LogEntry] { data?.logs ?? [] }
}
