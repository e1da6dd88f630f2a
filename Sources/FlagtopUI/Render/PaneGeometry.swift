/// How a pane's content area divides into an optional top line (the Errors query), an optional
/// column header and the scrolling list. The reducer uses it for page sizes, the views for drawing.
enum PaneGeometry {
    struct Areas {
        var top: Rect?
        var header: Rect?
        var list: Rect
    }

    static func areas(_ pane: Pane, content: Rect) -> Areas {
        var rest = content
        var top: Rect? = nil
        if pane == .errors, rest.height >= 1 {
            top = Rect(x: rest.x, y: rest.y, width: rest.width, height: 1)
            rest = rest.droppingTop(1)
        }
        var header: Rect? = nil
        if rest.height >= 3 {
            header = Rect(x: rest.x, y: rest.y, width: rest.width, height: 1)
            rest = rest.droppingTop(1)
        }
        return Areas(top: top, header: header, list: rest)
    }
}

extension DashboardState {
    /// How many rows of `pane`'s list show at once in the current layout (at least 1).
    public func pageSize(_ pane: Pane) -> Int {
        let layout = DashboardLayout.of(self)
        return max(1, PaneGeometry.areas(pane, content: layout.content(of: pane)).list.height)
    }
}
