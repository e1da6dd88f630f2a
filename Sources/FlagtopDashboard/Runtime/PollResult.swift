import FlagtopCore
import FlagtopUI

/// What one refresh read from Redis, handed from the poller thread to the UI thread.
public struct PollResult: Sendable, Equatable {
    /// Whether the refresh reached Redis; when false only `connection` is meaningful and the UI keeps its old data.
    public var reachedServer: Bool
    public var connection: PollConnection
    public var info: ServerInfo?
    public var toggles: [Toggle] = []
    public var toggleProblems: [String] = []
    /// toggle name → (count in the window, per-minute series oldest first).
    public var errorCounts: [String: ToggleErrorStats] = [:]
    public var sessions: [SessionContext] = []
    /// Session keys known so far (the scan is incremental).
    public var sessionCount: Int = 0
    public var errors: ErrorSearchResult?
    public var errorQueryProblem: String?
    /// The query text the errors answer ("" = everything).
    public var errorQueryText: String = ""
    /// Merged across names and severities, oldest first.
    public var logs: [LogEntry] = []
    public var logNames: [String] = []
    /// Milliseconds the refresh's round trip took.
    public var roundTripMillis: Double?
    /// Unix seconds when the data was read.
    public var fetchedAt: Double = 0
    /// Error counts per developer name (recounted on the background connection on a forced refresh, when the
    /// errors changed, and at least every 30 s).
    public var fingerprints: [FingerprintCount] = []
    /// The document `PollControl.errorDetailKey` names, with its exception body up to a bound.
    public var errorDetail: ErrorRecord?
    /// Whether Redis is telling the poller which keys changed (CLIENT TRACKING), so unchanged data is not re-read.
    public var changeTracking = false

    public init(reachedServer: Bool, connection: PollConnection) {
        self.reachedServer = reachedServer
        self.connection = connection
    }
}

/// The poller's view of its connection.
public enum PollConnection: Sendable, Equatable {
    case connecting
    case connected
    case disconnected(reason: String, retryIn: Double)
}
