import FlagtopCore

/// Everything the panes show that is derived from the data: each pane's rows after its filters, its
/// table (column widths and the cells of the rows in its window) and the open detail view's wrapped
/// lines. `DashboardReducer.derive` builds them when the data, a filter, the size or a cursor changes,
/// once per change; the renderer only reads them.
public struct PaneViews: Sendable, Equatable {
    public internal(set) var toggles: [Toggle] = []
    public internal(set) var sessions: [SessionContext] = []
    public internal(set) var errors: [ErrorRecord] = []
    public internal(set) var logs: [LogEntry] = []
    /// The item each pane's cursor is on (kept when a filter hides it, to find it again).
    public internal(set) var selection: [Pane: RowID] = [:]
    /// What each pane's rows were built from.
    var rowInputs: [Pane: RowInputs] = [:]
    var tables: [Pane: PaneTable] = [:]
    var detail: DetailView?

    /// Builds nothing: every pane's rows are built on the first `derive`.
    public init() {}
}

/// What a pane's rows depend on: when any of these change the rows are built again.
struct RowInputs: Sendable, Equatable {
    /// `DashboardState.paneGenerations[pane]`.
    var dataGeneration: Int
    var filter: String
    var severity: LogSeverityFilter
}

/// The open detail view's lines, wrapped to its width.
struct DetailView: Sendable, Equatable {
    var kind: DetailKind
    /// `DetailContent.basis` of what the lines were built from.
    var basis: Int
    var lines: [StyledLine]
}
