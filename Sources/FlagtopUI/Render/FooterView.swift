/// The two bottom lines: the status line (text being typed, a write in flight, or the last
/// outcome) and the key line with the bindings of the focused pane or the open overlay.
enum FooterView {
    static func render(_ state: DashboardState, into grid: inout CellGrid, layout: DashboardLayout) {
        statusLine(state, into: &grid, rect: layout.status)
        keyLine(state, into: &grid, rect: layout.footer)
    }

    static func context(_ state: DashboardState) -> KeyContext {
        state.overlay.kind.map(KeyContext.overlay) ?? .main(state.focus)
    }

    private static func statusLine(_ state: DashboardState, into grid: inout CellGrid, rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        if case .input(let input) = state.overlay {
            let prompt: String
            switch input.target {
            case .filter(let pane): prompt = "filter \(pane.title): "
            case .errorQuery: prompt = "errors query: "
            }
            let used = grid.write(prompt, x: rect.x, y: rect.y, maxWidth: rect.width, role: .title, attributes: [.bold])
            let room = rect.width - used - 1
            guard room >= 0 else { return }
            let shown = tail(input.text, width: room)
            let typed = grid.write(shown, x: rect.x + used, y: rect.y, maxWidth: room, ellipsis: false)
            grid.write(" ", x: rect.x + used + typed, y: rect.y, maxWidth: 1, role: .selection, attributes: [.reverse])
            return
        }
        if let pending = state.pendingWrite {
            grid.write("\(pending.action.progressive) \(pending.toggle)…", x: rect.x, y: rect.y, maxWidth: rect.width, role: .warning, attributes: [.bold])
        } else if let status = state.status {
            grid.write(status.text, x: rect.x, y: rect.y, maxWidth: rect.width, role: status.isError ? .statusBad : .statusOK)
        }
    }

    /// The end of `text` that fits in `width` cells (the cursor is at the end).
    static func tail(_ text: String, width: Int) -> String {
        var out: [Character] = []
        var used = 0
        for c in text.reversed() {
            let w = TextMeasure.width(String(c))
            if used + w > width { break }
            out.append(c)
            used += w
        }
        return String(out.reversed())
    }

    private static func keyLine(_ state: DashboardState, into grid: inout CellGrid, rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        let writesOff = state.writeDisabledReason != nil
        let all = KeyBindings.footerBindings(in: context(state))
        // Help and quit stay visible at the right however narrow the line is.
        let pinned = all.filter { $0.action == .help || $0.action == .quit }
        let rest = all.filter { $0.action != .help && $0.action != .quit }
        let right = items(pinned, writesOff: writesOff).flatMap { $0 }
        let rightWidth = right.reduce(0) { $0 + TextMeasure.width($1.text) }
        let fitsRight = rightWidth + 1 <= rect.width
        if fitsRight { grid.write(right, x: rect.maxX - rightWidth, y: rect.y, maxWidth: rightWidth) }
        // The other items are written whole or not at all.
        let room = rect.width - (fitsRight ? rightWidth + 1 : 0)
        var x = rect.x + grid.write(" ", x: rect.x, y: rect.y, maxWidth: room)
        for item in items(rest, writesOff: writesOff) {
            let w = item.reduce(0) { $0 + TextMeasure.width($1.text) }
            guard x - rect.x + w <= room else { break }
            x += grid.write(item, x: x, y: rect.y, maxWidth: w)
        }
    }

    /// One item per binding, "K kill  ", with the key in the title role; dangerous keys are muted
    /// when writes are off.
    private static func items(_ bindings: [KeyBinding], writesOff: Bool) -> [StyledLine] {
        bindings.compactMap { binding in
            guard let text = binding.footer else { return nil }
            let off = binding.dangerous && writesOff
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            var item: StyledLine = [Span(parts[0], off ? .muted : .title, off ? [] : [.bold])]
            if parts.count > 1 { item.append(Span(" " + parts[1], .muted)) }
            item.append(Span("  "))
            return item
        }
    }
}
