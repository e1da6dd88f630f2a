/// Where everything goes on a screen of a given size (docs/architecture.md, module FlagtopUI).
///
/// Row 0 is the header, the last row the key footer, the row above it the status line; the panes
/// share the rest: a 2×2 grid of boxes at 100 columns and more, otherwise stacked one above the
/// other with the focused pane taller, each headed by a title rule instead of a box.
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
        if width >= DashboardState.gridWidth {
            let left = width / 2
            let top = area.height / 2
            panes[.toggles] = Rect(x: 0, y: area.y, width: left, height: top)
            panes[.sessions] = Rect(x: left, y: area.y, width: width - left, height: top)
            panes[.errors] = Rect(x: 0, y: area.y + top, width: left, height: area.height - top)
            panes[.logs] = Rect(x: left, y: area.y + top, width: width - left, height: area.height - top)
            return DashboardLayout(mode: .grid, header: header, panes: panes, status: status, footer: footer)
        }
        let small = max(1, area.height / 5)
        var y = area.y
        for pane in Pane.allCases {
            let h = pane == focus ? area.height - 3 * small : small
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
