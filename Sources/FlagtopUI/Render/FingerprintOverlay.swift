/// The `f` browser in Errors: developer names with their error counts; Enter searches their errors.
enum FingerprintOverlay {
    static func box(_ state: DashboardState) -> Rect {
        let count = state.data?.fingerprints.count ?? 0
        return Rect(x: 0, y: 1, width: state.width, height: state.height - 3).centred(width: 48, height: max(3, count) + 2)
    }

    static func render(_ state: DashboardState, cursor: PaneCursor, into grid: inout CellGrid) {
        let rect = box(state)
        let body = OverlayBox.draw(into: &grid, rect: rect, title: "Errors by fingerprint")
        let items = state.data?.fingerprints ?? []
        guard !items.isEmpty else {
            grid.write("no fingerprints in the error database yet", x: body.x, y: body.y, maxWidth: body.width, role: .muted)
            return
        }
        let columns = [
            TableColumn(name: "developer", title: "DEVELOPER", minWidth: 10, flex: 1, priority: 0),
            TableColumn(name: "errors", title: "ERRORS", minWidth: 6, maxWidth: 8, priority: 1, alignRight: true),
        ]
        // An overlay's list: only its window is formatted, each frame it shows.
        let source = TableSource(columns: columns, count: items.count) { row, column, _ in
            column == 0 ? Span(items[row].name) : Span("\(items[row].count)", items[row].count > 0 ? .error : .muted)
        }
        let table = TableView.onTheSpot(source, list: body, cursor: cursor)
        TableView.render(into: &grid, header: nil, list: body, table: table, cursor: cursor, focused: true)
        let window = cursor.clamped(count: items.count, page: body.height)
        OverlayBox.scrollMark(into: &grid, rect: rect, first: window.scroll, shown: body.height, total: items.count)
    }
}
