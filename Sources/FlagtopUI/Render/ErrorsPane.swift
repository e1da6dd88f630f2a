import FlagtopCore

/// The Errors pane: the query line with the total hits (or the query's problem), then id, toggle,
/// fingerprint and the exception's first line.
enum ErrorsPane {
    /// The columns, in order, by name.
    enum Column: String, CaseIterable {
        case id, toggle, fingerprint, firstLine
        static let all = allCases
    }

    static func render(_ state: DashboardState, into grid: inout CellGrid, layout: DashboardLayout) {
        guard let rect = layout.panes[.errors] else { return }
        let focused = state.focus == .errors
        let rows = state.visibleErrors
        let result = state.data?.errors
        let summary = result.map { "\($0.total) hits" } ?? ""
        PaneFrame.draw(
            into: &grid, rect: rect, boxed: layout.boxed, focused: focused,
            title: PaneFrame.title(.errors, state: state, summary: summary))
        let areas = PaneGeometry.areas(.errors, content: layout.content(of: .errors))
        if let top = areas.top { queryLine(state, into: &grid, rect: top) }
        guard state.data != nil else { return PaneText.placeholder("waiting for data…", into: &grid, areas: areas) }
        guard !rows.isEmpty else {
            let text = state.data?.errorQueryProblem != nil ? "the query failed; / to edit it"
                : result == nil ? "no search yet" : "no errors match"
            return PaneText.placeholder(text, into: &grid, areas: areas)
        }
        TableView.render(
            into: &grid, header: areas.header, list: areas.list, table: state.views.tables[.errors] ?? PaneTable(),
            cursor: state.cursor(.errors), focused: focused)
    }

    /// The current search's hits as a table.
    static func source(_ state: DashboardState) -> TableSource {
        let rows = state.visibleErrors
        // Ids (`<toggle>:<MM-DD-YY-HH-MM-SS>`) are only useful whole, so their column takes their width
        // or goes; the first line of the exception stays longest.
        let longestID = rows.map { TextMeasure.width($0.id) }.max() ?? 0
        let columns = Column.all.map { column -> TableColumn in
            switch column {
            case .id: TableColumn(name: column.rawValue, title: "ID", minWidth: min(max(12, longestID), 36), priority: 1)
            case .toggle: TableColumn(name: column.rawValue, title: "TOGGLE", minWidth: 8, maxWidth: 24, flex: 1, priority: 2)
            case .fingerprint: TableColumn(name: column.rawValue, title: "FINGERPRINT", minWidth: 11, maxWidth: 24, flex: 1, priority: 3)
            case .firstLine: TableColumn(name: column.rawValue, title: "FIRST LINE", minWidth: 10, flex: 4, priority: 0)
            }
        }
        return TableSource(columns: columns, count: rows.count) { row, index, _ in
            let error = rows[row]
            switch Column.all[index] {
            case .id: return Span(error.id)
            case .toggle: return Span(orDash: error.toggleName)
            case .fingerprint: return Span(orDash: error.fingerPrint)
            case .firstLine: return Span(error.firstLine, .error)
            }
        }
    }

    /// "query: <q>" then, right-aligned, "42 hits", "searching…" or the query's problem.
    private static func queryLine(_ state: DashboardState, into grid: inout CellGrid, rect: Rect) {
        var right: Span? = nil
        if let data = state.data {
            if let problem = data.errorQueryProblem {
                right = Span("✗ " + problem, .error)
            } else if data.errorQuery != state.errorQuery {
                right = Span("searching…", .muted)
            } else if let errors = data.errors {
                right = Span("\(errors.total) hits" + (data.searchBackend == "basic" ? " (basic search)" : ""), .muted)
            }
        }
        let used = grid.write([Span("query: ", .muted), Span(state.errorQuery)], x: rect.x, y: rect.y, maxWidth: rect.width)
        guard let right else { return }
        let room = rect.width - used - 2
        guard room > 0 else { return }
        let w = min(room, TextMeasure.width(right.text))
        grid.write(right.text, x: rect.maxX - w, y: rect.y, maxWidth: w, role: right.role)
    }
}
