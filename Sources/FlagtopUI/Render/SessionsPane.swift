import FlagtopCore

/// The Sessions pane: id, name, authType, and TTL (or creation time when the key has no TTL).
enum SessionsPane {
    /// The columns, in order, by name.
    enum Column: String, CaseIterable {
        case id, name, auth, lifetime, email
        static let all = allCases
    }

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
            title: PaneFrame.title(.sessions, state: state, summary: state.data == nil ? "" : summary))
        let areas = PaneGeometry.areas(.sessions, content: layout.content(of: .sessions))
        guard state.data != nil else { return PaneText.placeholder("waiting for data…", into: &grid, areas: areas) }
        guard !rows.isEmpty else {
            let text = known == 0 ? "no sessions" : "no session matches the filter"
            return PaneText.placeholder(text, into: &grid, areas: areas)
        }
        TableView.render(
            into: &grid, header: areas.header, list: areas.list, table: state.views.tables[.sessions] ?? PaneTable(),
            cursor: state.cursor(.sessions), focused: focused)
    }

    /// The visible sessions as a table.
    static func source(_ state: DashboardState) -> TableSource {
        let rows = state.visibleSessions
        let columns = Column.all.map { column -> TableColumn in
            switch column {
            case .id: TableColumn(name: column.rawValue, title: "ID", minWidth: 10, flex: 2, priority: 0)
            case .name: TableColumn(name: column.rawValue, title: "NAME", minWidth: 8, flex: 2, priority: 1)
            case .auth: TableColumn(name: column.rawValue, title: "AUTH", minWidth: 8, maxWidth: 16, flex: 1, priority: 2)
            case .lifetime: TableColumn(name: column.rawValue, title: "TTL/CREATED", minWidth: 11, maxWidth: 28, flex: 1, priority: 3)
            case .email: TableColumn(name: column.rawValue, title: "EMAIL", minWidth: 12, flex: 1, priority: 4)
            }
        }
        return TableSource(columns: columns, count: rows.count) { row, index, _ in
            let session = rows[row]
            switch Column.all[index] {
            case .id: return Span(name: session.id)
            case .name: return Span(orDash: session.name)
            case .auth: return Span(orDash: session.authType)
            case .lifetime: return lifetime(session)
            case .email: return Span(orDash: session.email)
            }
        }
    }

    /// "ttl 29m57s", else the stored creation time, else "-".
    static func lifetime(_ session: SessionContext) -> Span {
        if let ttl = session.ttl { return Span("ttl " + Format.duration(Double(ttl))) }
        if let created = session.creationTime { return Span(created, .muted) }
        return Span("-", .muted)
    }
}
