/// The selected row and the first visible row of one pane's list.
public struct PaneCursor: Sendable, Hashable {
    public var selected: Int
    public var scroll: Int

    public init(selected: Int = 0, scroll: Int = 0) {
        self.selected = selected
        self.scroll = scroll
    }

    /// This cursor with `selected` clamped to `count` rows and `scroll` moved the least so the
    /// selection shows in a window of `page` rows.
    public func clamped(count: Int, page: Int) -> PaneCursor {
        guard count > 0 else { return PaneCursor() }
        let sel = min(max(0, selected), count - 1)
        let visible = max(1, page)
        var top = min(max(0, scroll), max(0, count - visible))
        if sel < top { top = sel }
        if sel >= top + visible { top = sel - visible + 1 }
        return PaneCursor(selected: sel, scroll: top)
    }
}
