import FlagtopCore

/// One snapshot of everything the dashboard reads from Redis, delivered by the poller after each refresh.
/// Each pane's source writes its part; a part whose read failed keeps what it held and says why in `problems`.
///
/// All strings are as read from Redis (the renderer sanitises them) except `server`, which the
/// poller must already have stripped of any password.
public struct DashboardData: Sendable, Equatable {
    /// Where we are connected, without credentials: `127.0.0.1:6379/0`, `unix:///tmp/r.sock`.
    public var server: String
    public var redisVersion: String
    /// "RediSearch 1.2", "search 2.8", "basic".
    public var searchBackend: String
    public var toggles: [Toggle]
    /// Keyed by toggle name.
    public var errorStats: [String: ToggleErrorStats]
    /// The sessions read this refresh (the poller may cap them).
    public var sessions: [SessionContext]
    /// How many sessions exist as far as the poller knows (≥ `sessions.count`).
    public var sessionCount: Int
    /// The result for `errorQuery`; nil until the first search finished.
    public var errors: ErrorSearchResult?
    /// The query `errors` answers (the user may have typed a newer one meanwhile).
    public var errorQuery: String
    /// Why the query failed, e.g. a RediSearch syntax error; shown instead of hits.
    public var errorQueryProblem: String?
    /// Error counts per developer name, highest first.
    public var fingerprints: [FingerprintCount]
    /// Recent log lines of every name and severity, merged, oldest first.
    public var logs: [LogEntry]
    public var logNames: [String]
    /// The refresh's round trip.
    public var roundTripMillis: Double?
    /// When the data was read, in seconds on the runtime's monotonic clock (`DashboardClock.now`): the
    /// same clock as `DashboardEvent.tick(now:)`, so `now - fetchedAt` is the data's age.
    public var fetchedAt: Double
    /// The error whose detail view is open, read on its own with the exception body (bounded); list rows
    /// (`errors`) carry only the start of each body.
    public var errorDetail: ErrorRecord?
    /// Panes whose last read failed, with the one-line reason: they show their previous data, marked stale.
    public var problems: [Pane: String]

    public init(
        server: String, redisVersion: String = "", searchBackend: String = "basic", toggles: [Toggle] = [],
        errorStats: [String: ToggleErrorStats] = [:], sessions: [SessionContext] = [], sessionCount: Int? = nil,
        errors: ErrorSearchResult? = nil, errorQuery: String = "*", errorQueryProblem: String? = nil,
        fingerprints: [FingerprintCount] = [], logs: [LogEntry] = [], logNames: [String] = [],
        roundTripMillis: Double? = nil, fetchedAt: Double, problems: [Pane: String] = [:]
    ) {
        self.server = server
        self.redisVersion = redisVersion
        self.searchBackend = searchBackend
        self.toggles = toggles
        self.errorStats = errorStats
        self.sessions = sessions
        self.sessionCount = max(sessionCount ?? sessions.count, sessions.count)
        self.errors = errors
        self.errorQuery = errorQuery
        self.errorQueryProblem = errorQueryProblem
        self.fingerprints = fingerprints
        self.logs = logs
        self.logNames = logNames
        self.roundTripMillis = roundTripMillis
        self.fetchedAt = fetchedAt
        self.problems = problems
    }
}

extension DashboardData {
    /// Whether `a` and `b` hold the same rows for `pane` (arrays that share storage compare at once).
    static func samePane(_ pane: Pane, _ a: DashboardData?, _ b: DashboardData?) -> Bool {
        switch pane {
        case .toggles: a?.toggles == b?.toggles && a?.errorStats == b?.errorStats
        case .sessions: a?.sessions == b?.sessions
        case .errors: a?.errors == b?.errors
        case .logs: a?.logs == b?.logs
        }
    }
}
