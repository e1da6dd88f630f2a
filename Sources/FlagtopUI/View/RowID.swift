import FlagtopCore

/// What a pane's selection is on, by identity rather than row number, so it stays on the same item when
/// a refresh reorders the rows or a filter is typed, applied or cleared.
public enum RowID: Sendable, Hashable {
    case toggle(name: String)
    case session(id: String)
    case error(id: String)
    /// Log lines have no id; the line itself is its identity.
    case log(LogEntry)
}
