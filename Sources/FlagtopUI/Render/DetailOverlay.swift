/// The Enter view: everything about the selected row, wrapped and scrollable.
enum DetailOverlay {
    static func box(_ state: DashboardState) -> Rect {
        Rect(x: 0, y: 1, width: state.width, height: state.height - 3)
    }

    /// The inside of the box, where the lines go.
    static func body(_ state: DashboardState) -> Rect { box(state).inset(by: 1) }

    static func render(_ state: DashboardState, detail: DetailState, into grid: inout CellGrid) {
        let rect = box(state)
        let inside = OverlayBox.draw(into: &grid, rect: rect, title: DetailContent.title(detail.kind))
        let lines = state.views.detail?.lines ?? []
        let top = HelpOverlay.clampedScroll(detail.scroll, total: lines.count, page: inside.height)
        for (i, line) in lines.dropFirst(top).prefix(inside.height).enumerated() {
            grid.write(line, x: inside.x, y: inside.y + i, maxWidth: inside.width)
        }
        OverlayBox.scrollMark(into: &grid, rect: rect, first: top, shown: inside.height, total: lines.count)
    }
}
