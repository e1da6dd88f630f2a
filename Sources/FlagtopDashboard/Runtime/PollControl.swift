import FlagtopCore

/// What the UI asks of the poller; the UI thread writes it, the poller thread reads it each cycle.
public struct PollControl: Sendable, Equatable {
    public var interval: Double = 1.0
    public var paused = false
    /// Incremented by "refresh now"; the poller refreshes when it sees a new value.
    public var refreshGeneration = 0
    public var errorQuery = ErrorQuery(text: "", limit: 100)
    /// The error whose detail view is open: the poller reads that one document with its body (bounded).
    public var errorDetailKey: String?
    /// How many sessions are read each refresh (the pane shows a window of them).
    public var visibleSessions = 200
    /// How many log lists are read each refresh.
    public var maxLogLists = 250
    public var stopped = false

    public init(interval: Double = 1.0) { self.interval = interval }
}
