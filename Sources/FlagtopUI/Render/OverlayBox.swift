/// The frame shared by the overlays: a cleared box with heavy borders and a title.
enum OverlayBox {
    /// Clears `rect`, draws the frame and returns the inside.
    @discardableResult
    static func draw(into grid: inout CellGrid, rect: Rect, title: String, role: ThemeRole = .title) -> Rect {
        grid.fill(rect)
        PaneFrame.draw(into: &grid, rect: rect, boxed: true, focused: true, title: [Span(" " + title + " ", role, [.bold])])
        return rect.inset(by: 1)
    }

    /// "12–30/45" in the bottom border when the content scrolls.
    static func scrollMark(into grid: inout CellGrid, rect: Rect, first: Int, shown: Int, total: Int) {
        guard total > shown, rect.width > 6 else { return }
        let text = " \(first + 1)–\(min(total, first + shown))/\(total) "
        let w = min(TextMeasure.width(text), rect.width - 4)
        grid.write(text, x: rect.maxX - 2 - w, y: rect.maxY - 1, maxWidth: w, role: .muted)
    }
}
