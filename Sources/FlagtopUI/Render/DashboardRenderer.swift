/// Draws a `DashboardState` as a `CellGrid`: pure, so every screen can be tested as text.
///
/// ```swift
/// let grid = DashboardRenderer.render(state)   // exactly state.width × state.height cells
/// ```
public enum DashboardRenderer {
    /// The text shown when the terminal is below 40×10.
    public static let tooSmallText = "terminal too small: need \(DashboardState.minimumWidth)x\(DashboardState.minimumHeight)"

    public static func render(_ state: DashboardState) -> CellGrid {
        var grid = CellGrid(width: state.width, height: state.height)
        let layout = DashboardLayout.of(state)
        guard layout.mode != .tooSmall else {
            renderTooSmall(into: &grid)
            return grid
        }
        HeaderView.render(state, into: &grid, rect: layout.header)
        TogglesPane.render(state, into: &grid, layout: layout)
        SessionsPane.render(state, into: &grid, layout: layout)
        ErrorsPane.render(state, into: &grid, layout: layout)
        LogsPane.render(state, into: &grid, layout: layout)
        FooterView.render(state, into: &grid, layout: layout)
        switch state.overlay {
        case .none, .input: break
        case .help(let scroll): HelpOverlay.render(state, scroll: scroll, into: &grid)
        case .detail(let detail): DetailOverlay.render(state, detail: detail, into: &grid)
        case .confirm(let confirm): ConfirmOverlay.render(state, confirm: confirm, into: &grid)
        case .fingerprints(let cursor): FingerprintOverlay.render(state, cursor: cursor, into: &grid)
        case .message(let text, let isError): MessageOverlay.render(state, text: text, isError: isError, into: &grid)
        }
        return grid
    }

    /// The message centred, wrapped when the screen is narrower than it and cut when even that does
    /// not fit; nothing at all on a 0×0 grid.
    private static func renderTooSmall(into grid: inout CellGrid) {
        guard grid.width > 0, grid.height > 0 else { return }
        let lines = Array(TextMeasure.wrap(tooSmallText, width: grid.width).prefix(grid.height))
        let top = (grid.height - lines.count) / 2
        for (i, line) in lines.enumerated() {
            let w = min(grid.width, TextMeasure.width(line))
            grid.write(line, x: (grid.width - w) / 2, y: top + i, maxWidth: w, role: .statusBad)
        }
    }
}
