import FlagtopCore

/// The Sessions pane: id, name, authType, and TTL (or creation time when the key has no TTL).
enum SessionsPane {
    static func render(_ state: DashboardState, into grid: inout CellGrid, layout: DashboardLayout) {
        guard let rect = layout.panes[.sessions] else { return }
        let focused = state.focus == .sessions
        let rows = state.visibleSessions
        let known = state.data?.sessionCount ?? 0
        let filter = state.filter(.sessions)
        var summary = rows.count == known ? "\(known)" : "\(rows.count) of \(known)"
        if !filter.isEmpty { summary += " filter: \(filter)" }
        PaneFrame.draw(
            into: &grid, rect: rect, boxed: layout.boxed, focused: focused,
            title: PaneFrame.title(.sessions, focused: focused, summary: state.data == nil ? "" : summary, stale: state.stale))
        let areas = PaneGeometry.areas(.sessions, content: layout.content(of: .sessions))
        guard state.data != nil else { return PaneText.placeholder("waiting for data…", into: &grid, areas: areas) }
        guard !rows.isEmpty else {
            let text = known == 0 ? "no sessions" : "no session matches the filter"
            return PaneText.placeholder(text, into: &grid, areas: areas)
        }
        let columns = [
            TableColumn(title: "ID", minWidth: 10, flex: 2, priority: 0),
            TableColumn(title: "NAME", minWidth: 8, flex: 2, priority: 1),
            TableColumn(title: "AUTH", minWidth: 8, maxWidth: 16, flex: 1, priority: 2),
            TableColumn(title: "TTL/CREATED", minWidth: 11, maxWidth: 28, flex: 1, priority: 3),
            TableColumn(title: "EMAIL", minWidth: 12, flex: 1, priority: 4),
        ]
        let cells = TableRows(count: rows.count, memo: .init(table: "sessions", rows: StorageToken(rows))) { row, column in
            let session = rows[row]
            switch column {
            case 0: return Span(session.id)
            case 1: return Span(orDash: session.name)
            case 2: return Span(orDash: session.authType)
            case 3: return lifetime(session)
            default: return Span(orDash: session.email)
            }
        }
        TableView.render(
            into: &grid, header: areas.header, list: areas.list, columns: columns, rows: cells,
            cursor: state.cursor(.sessions), focused: focused)
    }

    /// "ttl 29m57s", else the stored creation time, else "-".
    static func lifetime(_ session: SessionContext) -> Span {
        if let ttl = session.ttl { return Span("ttl " + Format.duration(Double(ttl))) }
        if let created = session.creationTime { return Span(created, .muted) }
        return Span("-", .muted)
    }
}
