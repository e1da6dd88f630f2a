/// The `?` screen, generated from `KeyBindings.all`: one section per scope; dangerous bindings
/// greyed (muted role) with the reason when writes are off.
enum HelpOverlay {
    static func box(_ state: DashboardState) -> Rect {
        Rect(x: 0, y: 1, width: state.width, height: state.height - 3).centred(width: 86, height: state.height - 3)
    }

    static func render(_ state: DashboardState, scroll: Int, into grid: inout CellGrid) {
        let rect = box(state)
        let body = OverlayBox.draw(into: &grid, rect: rect, title: "flagtop keys")
        let all = lines(state, width: body.width)
        let top = clampedScroll(scroll, total: all.count, page: body.height)
        for (i, line) in all.dropFirst(top).prefix(body.height).enumerated() {
            grid.write(line, x: body.x, y: body.y + i, maxWidth: body.width)
        }
        OverlayBox.scrollMark(into: &grid, rect: rect, first: top, shown: body.height, total: all.count)
    }

    static func clampedScroll(_ scroll: Int, total: Int, page: Int) -> Int {
        min(max(0, scroll), max(0, total - max(1, page)))
    }

    /// The help text for `state` (`width` only decides the label column).
    static func lines(_ state: DashboardState, width: Int) -> [StyledLine] {
        var out: [StyledLine] = []
        let disabled = state.writeDisabledReason
        if let disabled { out.append([Span("K and R are off — " + disabled, .warning, [.bold])]); out.append([]) }
        for section in sections() {
            out.append([Span(section.title, .title, [.bold])])
            for binding in section.bindings {
                let off = binding.dangerous && disabled != nil
                let label = "  " + binding.label
                let pad = max(1, 18 - TextMeasure.width(label))
                out.append([
                    Span(label + String(repeating: " ", count: pad), off ? .muted : .title),
                    Span(binding.description, off ? .muted : .text),
                ])
                if off, let disabled { out.append([Span(String(repeating: " ", count: 18) + "off — " + disabled, .muted)]) }
            }
            out.append([])
        }
        return out
    }

    /// Bindings grouped under the scope they list first, in table order.
    static func sections() -> [(title: String, bindings: [KeyBinding])] {
        var order: [String] = []
        var groups: [String: [KeyBinding]] = [:]
        for binding in KeyBindings.all {
            let title: String
            switch binding.scopes.first ?? .main {
            case .anywhere: title = "Anywhere"
            case .main: title = "Main screen (any pane)"
            case .pane(let pane):
                let panes = binding.scopes.compactMap { scope -> String? in if case .pane(let p) = scope { p.title } else { nil } }
                title = panes.count > 1 ? panes.joined(separator: ", ") + " panes" : pane.title + " pane"
            case .overlay(let kind): title = kind.title
            }
            if groups[title] == nil { order.append(title) }
            groups[title, default: []].append(binding)
        }
        return order.map { ($0, groups[$0]!) }
    }
}
