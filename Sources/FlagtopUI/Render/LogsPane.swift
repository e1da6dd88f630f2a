import FlagtopCore

/// The Recent logs pane: time, severity, log name and message; newest at the bottom, following new
/// lines like `tail -f` until the user scrolls up.
enum LogsPane {
    /// The columns, in order, by name.
    enum Column: String, CaseIterable {
        case time, severity, name, message
        static let all = allCases
    }

    static func render(_ state: DashboardState, into grid: inout CellGrid, layout: DashboardLayout) {
        guard let rect = layout.panes[.logs] else { return }
        let focused = state.focus == .logs
        let rows = state.visibleLogs
        var summary = "severity \(state.logSeverity.label)"
        summary += state.followLogs ? " · following" : " · scrolled (F follows)"
        let filter = state.filter(.logs)
        if !filter.isEmpty { summary += " · filter: \(filter)" }
        PaneFrame.draw(
            into: &grid, rect: rect, boxed: layout.boxed, focused: focused,
            title: PaneFrame.title(.logs, state: state, summary: summary))
        let areas = PaneGeometry.areas(.logs, content: layout.content(of: .logs))
        guard let data = state.data else { return PaneText.placeholder("waiting for data…", into: &grid, areas: areas) }
        guard !rows.isEmpty else {
            let text = data.logs.isEmpty ? "no log lines (recent:<name>:<severity> lists)" : "no line passes the filters"
            return PaneText.placeholder(text, into: &grid, areas: areas)
        }
        TableView.render(
            into: &grid, header: areas.header, list: areas.list, table: state.views.tables[.logs] ?? PaneTable(),
            cursor: state.cursor(.logs), focused: focused)
    }

    /// The log lines passing the filters as a table.
    static func source(_ state: DashboardState) -> TableSource {
        let rows = state.visibleLogs
        let columns = Column.all.map { column -> TableColumn in
            switch column {
            case .time: TableColumn(name: column.rawValue, title: "TIME", minWidth: 8, maxWidth: 8, priority: 1)
            case .severity: TableColumn(name: column.rawValue, title: "SEVERITY", minWidth: 8, maxWidth: 8, priority: 0)
            case .name: TableColumn(name: column.rawValue, title: "NAME", minWidth: 6, maxWidth: 20, flex: 1, priority: 2)
            case .message: TableColumn(name: column.rawValue, title: "MESSAGE", minWidth: 10, flex: 6, priority: 0)
            }
        }
        return TableSource(columns: columns, count: rows.count) { row, index, _ in
            let entry = rows[row]
            switch Column.all[index] {
            case .time: return Span(PaneText.shortTime(entry.time), .muted)
            case .severity: return Span(entry.severity, PaneText.role(ofSeverity: entry.severity))
            case .name: return Span(name: entry.name)
            case .message: return Span(entry.message)
            }
        }
    }
}
