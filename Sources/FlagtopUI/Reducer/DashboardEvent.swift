/// Everything that can change the dashboard's state, as the runtime reports it.
public enum DashboardEvent: Sendable, Equatable {
    case key(Key)
    case resized(width: Int, height: Int)
    /// A refresh finished.
    case dataArrived(DashboardData)
    case connectionChanged(ConnectionStatus)
    /// The writer found out whether the connected user may write (its probe, or a write refused by an ACL).
    case writeAccessChanged(WriteAccess)
    /// A kill or restore the reducer asked for was acknowledged by Redis (`.success`, with an
    /// optional note such as the audit id) or failed (`.failure`, with what went wrong).
    case writeFinished(WriteAction, toggle: String, result: Result<String, WriteFailure>)
    /// The clock moved on (seconds, monotonic, same clock as `DashboardData.fetchedAt`); the runtime
    /// sends it about once a second so ages, countdowns and staleness update.
    case tick(now: Double)
    /// Something the runtime wants shown in the status line (e.g. "theme light loaded").
    case notice(String, isError: Bool)
    /// Something the user must see and dismiss (any key closes the box), e.g. a theme file that
    /// failed to load. Replaces a help, detail or message view; never a confirm box or text input.
    case showMessage(String, isError: Bool)
}

/// A write that did not simply succeed, in words for the status line (never containing a password), and what
/// Redis holds because of it: nothing changed, changed but not completely (audit missing, no replica confirmed),
/// unknown (the reply was lost and could not be resolved), or nothing needed doing.
public struct WriteFailure: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case notDone, donePartly, unknown, nothingToDo }
    public var message: String
    public var kind: Kind

    public init(_ message: String, kind: Kind = .notDone) {
        self.message = message
        self.kind = kind
    }
}
