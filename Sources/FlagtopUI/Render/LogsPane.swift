import FlagtopCore

/// The Recent logs pane: time, severity, log name and message; newest at the bottom, following new
/// lines like `tail -f` until the user scrolls up.
enum LogsPane {
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
            title: PaneFrame.title(.logs, focused: focused, summary: summary, stale: state.stale))
        let areas = PaneGeometry.areas(.logs, content: layout.content(of: .logs))
        guard let data = state.data else { return PaneText.placeholder("waiting for data…", into: &grid, areas: areas) }
        guard !rows.isEmpty else {
            let text = data.logs.isEmpty ? "no log lines (recent:<name>:<severity> lists)" : "no line passes the filters"
            return PaneText.placeholder(text, into: &grid, areas: areas)
        }
        let columns = [
            TableColumn(title: "TIME", minWidth: 8, maxWidth: 8, priority: 1),
            TableColumn(title: "SEVERITY", minWidth: 8, maxWidth: 8, priority: 0),
            TableColumn(title: "NAME", minWidth: 6, maxWidth: 20, flex: 1, priority: 2),
            TableColumn(title: "MESSAGE", minWidth: 10, flex: 6, priority: 0),
        ]
        let cells = TableRows(count: rows.count, memo: .init(table: "logs", rows: StorageToken(rows))) { row, column in
            let entry = rows[row]
            switch column {
            case 0: return Span(PaneText.shortTime(entry.time), .muted)
            case 1: return Span(entry.severity, PaneText.role(ofSeverity: entry.severity))
            case 2: return Span(entry.name)
            default: return Span(entry.message)
            }
        }
        TableView.render(
            into: &grid, header: areas.header, list: areas.list, columns: columns, rows: cells,
            cursor: state.cursor(.logs), focused: focused)
    }
}
