/// A pane's frame: a box (grid layout) or a title rule (stacked layout), with the title, a short
/// summary and a "(stale)" mark. The focused pane uses heavy lines and the focused border role, so
/// it shows without colour too.
enum PaneFrame {
    static func draw(into grid: inout CellGrid, rect: Rect, boxed: Bool, focused: Bool, title: StyledLine) {
        guard rect.width > 0, rect.height > 0 else { return }
        let role: ThemeRole = focused ? .borderFocused : .border
        let h = focused ? "━" : "─"
        let v = focused ? "┃" : "│"
        let (tl, tr, bl, br) = focused ? ("┏", "┓", "┗", "┛") : ("┌", "┐", "└", "┘")
        let horizontal = String(repeating: h, count: rect.width)
        if boxed && rect.width >= 2 {
            grid.write(tl + String(repeating: h, count: rect.width - 2) + tr, x: rect.x, y: rect.y, maxWidth: rect.width, role: role, ellipsis: false)
            if rect.height >= 2 {
                for y in (rect.y + 1)..<(rect.maxY - 1) {
                    grid.write(v, x: rect.x, y: y, role: role)
                    grid.write(v, x: rect.maxX - 1, y: y, role: role)
                }
                grid.write(bl + String(repeating: h, count: rect.width - 2) + br, x: rect.x, y: rect.maxY - 1, maxWidth: rect.width, role: role, ellipsis: false)
            }
            grid.write(title, x: rect.x + 2, y: rect.y, maxWidth: max(0, rect.width - 4))
        } else {
            grid.write(horizontal, x: rect.x, y: rect.y, maxWidth: rect.width, role: role, ellipsis: false)
            grid.write(title, x: rect.x + 1, y: rect.y, maxWidth: max(0, rect.width - 2))
        }
    }

    /// The title spans: " 1 Toggles ", a summary in the muted role, " (stale)" when all the data is old,
    /// or "(stale: why)" when this pane's last read failed and it shows what it read before.
    static func title(_ pane: Pane, state: DashboardState, summary: String) -> StyledLine {
        let focused = state.focus == pane
        var spans: StyledLine = [Span(" \(pane.number) \(pane.title) ", focused ? .title : .border, focused ? [.bold] : [])]
        if !summary.isEmpty { spans.append(Span(summary + " ", .muted)) }
        if let problem = state.data?.problems[pane] {
            spans.append(Span("(stale: \(problem)) ", .statusBad))
        } else if state.stale {
            spans.append(Span("(stale) ", .muted))
        }
        return spans
    }
}
