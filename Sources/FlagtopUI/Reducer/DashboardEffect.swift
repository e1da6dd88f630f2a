/// What the reducer asks the runtime to do; the runtime reports back with events.
public enum DashboardEffect: Sendable, Equatable {
    /// Kill or restore the toggle (one MULTI/EXEC with the audit entry); answer with `writeFinished`.
    /// Only ever emitted after `y` in the confirm box, and never while writes are off.
    case write(WriteAction, toggle: String, reason: String)
    case refreshNow
    /// Seconds, already within `RefreshInterval`'s bounds.
    case setInterval(Double)
    case setPaused(Bool)
    /// Run this RediSearch query for the Errors pane from now on.
    case setErrorQuery(String)
    /// Switch to the named theme.
    case setTheme(String)
    /// Give the terminal back to the shell until the user resumes the dashboard (`fg`), as `Ctrl-Z` does in
    /// htop and k9s; the runtime redraws everything on return.
    case suspend
    case quit
}
