/// A box with a message the user should see before going on (any key closes it).
enum MessageOverlay {
    static func render(_ state: DashboardState, text: String, isError: Bool, into grid: inout CellGrid) {
        let screen = Rect(x: 0, y: 1, width: state.width, height: state.height - 3)
        let width = min(screen.width, 60)
        let lines = TextMeasure.wrap(text, width: max(1, width - 4))
        let rect = screen.centred(width: width, height: lines.count + 2)
        let body = OverlayBox.draw(into: &grid, rect: rect, title: isError ? "Problem" : "Note", role: isError ? .statusBad : .title)
        for (i, line) in lines.prefix(body.height).enumerated() {
            grid.write(line, x: body.x + 1, y: body.y + i, maxWidth: body.width - 1, role: isError ? .statusBad : .text)
        }
    }
}
