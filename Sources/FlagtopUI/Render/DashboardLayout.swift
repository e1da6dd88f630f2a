/// Where everything goes on a screen of a given size.
///
/// Row 0 is the header, the last row the key footer, the row above it the status line; the panes
/// (`Pane.allCases`, in order) share the rest: a grid of boxes two wide at 100 columns and more (a last
/// pane alone on its row takes the whole row), otherwise stacked one above the other with the focused
/// pane taller, each headed by a title rule instead of a box.
public struct DashboardLayout: Sendable, Equatable {
    /// How the panes are arranged.
    public enum Mode: Sendable, Equatable {
        /// Below 40×10: only "terminal too small".
        case tooSmall
        case grid
        case stacked
    }

    public var mode: Mode
    public var header: Rect
    public var panes: [Pane: Rect]
    public var status: Rect
    public var footer: Rect

    /// Panes are boxed (grid) or headed by a title rule (stacked).
    public var boxed: Bool { mode == .grid }

    public static func compute(width: Int, height: Int, focus: Pane) -> DashboardLayout {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        guard width >= DashboardState.minimumWidth, height >= DashboardState.minimumHeight else {
            return DashboardLayout(mode: .tooSmall, header: .zero, panes: [:], status: .zero, footer: screen)
        }
        let header = Rect(x: 0, y: 0, width: width, height: 1)
        let footer = Rect(x: 0, y: height - 1, width: width, height: 1)
        let status = Rect(x: 0, y: height - 2, width: width, height: 1)
        let area = Rect(x: 0, y: 1, width: width, height: height - 3)
        var panes: [Pane: Rect] = [:]
        let all = Pane.allCases
        if width >= DashboardState.gridWidth {
            let perRow = 2
            let rows = (all.count + perRow - 1) / perRow
            for (i, pane) in all.enumerated() {
                let row = i / perRow
                let top = area.y + area.height * row / rows
                let bottom = area.y + area.height * (row + 1) / rows
                let alone = i == all.count - 1 && i % perRow == 0
                let left = alone ? 0 : width * (i % perRow) / perRow
                let right = alone ? width : width * (i % perRow + 1) / perRow
                panes[pane] = Rect(x: left, y: top, width: right - left, height: bottom - top)
            }
            return DashboardLayout(mode: .grid, header: header, panes: panes, status: status, footer: footer)
        }
        let small = max(1, area.height / (all.count + 1))
        var y = area.y
        for pane in all {
            let h = pane == focus ? area.height - (all.count - 1) * small : small
            panes[pane] = Rect(x: 0, y: y, width: width, height: h)
            y += h
        }
        return DashboardLayout(mode: .stacked, header: header, panes: panes, status: status, footer: footer)
    }

    /// The layout for `state`'s size and focus.
    public static func of(_ state: DashboardState) -> DashboardLayout {
        compute(width: state.width, height: state.height, focus: state.focus)
    }

    /// The inside of a pane's frame.
    public func content(of pane: Pane) -> Rect {
        guard let rect = panes[pane] else { return .zero }
        return boxed ? rect.inset(by: 1) : rect.droppingTop(1)
    }
}
