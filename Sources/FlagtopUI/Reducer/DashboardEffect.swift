/// What the reducer asks the runtime to do; the runtime reports back with events.
public enum DashboardEffect: Sendable, Equatable {
    /// Kill the toggle (one MULTI/EXEC with the audit entry); answer with `writeFinished`.
    /// Only ever emitted after `y` in the confirm box, and never while writes are off.
    case kill(toggle: String, reason: String)
    /// Restore the toggle; same rules as `kill`.
    case restore(toggle: String, reason: String)
    case refreshNow
    /// Seconds, already within `RefreshInterval`'s bounds.
    case setInterval(Double)
    case setPaused(Bool)
    /// Run this RediSearch query for the Errors pane from now on.
    case setErrorQuery(String)
    /// Switch to the named theme.
    case setTheme(String)
    case quit
}
