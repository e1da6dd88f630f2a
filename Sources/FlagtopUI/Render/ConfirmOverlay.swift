import FlagtopCore

/// The kill/restore confirm box: names the toggle and its current state, shows the optional reason
/// and says plainly that only `y` writes. On short screens the explanation and spacing go first;
/// the keys and the question stay longest.
enum ConfirmOverlay {
    static func render(_ state: DashboardState, confirm: ConfirmState, into grid: inout CellGrid) {
        let screen = Rect(x: 0, y: 1, width: state.width, height: state.height - 3)
        let verb = confirm.action == .kill ? "Kill" : "Restore"
        let question: StyledLine = [Span("\(verb) "), Span(confirm.toggle, .text, [.bold]), Span("?  "), Span("currently ", .muted),
                                    Span(confirm.currentState.rawValue, TogglesPane.role(of: confirm.currentState), [.bold])]
        let explanation: StyledLine = [Span(confirm.action == .kill
            ? "Everyone gets the old code path until it is restored."
            : "The toggle is switched back on (toggle=True).", .muted)]
        let keys: StyledLine
        if let off = state.writeDisabledReason {
            keys = [Span("writes are off — " + off, .statusBad, [.bold])]
        } else if confirm.editingReason {
            keys = [Span("typing the reason · ", .muted), Span("Enter", .title, [.bold]), Span(" done", .muted)]
        } else {
            keys = [
                Span("y", .title, [.bold]), Span(" \(confirm.action.verb)  ·  ", .muted),
                Span("e", .title, [.bold]), Span(" reason  ·  ", .muted), Span("any other key cancels", .muted),
            ]
        }
        let rect = screen.centred(width: 64, height: 8)
        let body = OverlayBox.draw(into: &grid, rect: rect, title: "\(verb) toggle", role: confirm.action == .kill ? .killed : .on)
        for (i, line) in layout(height: body.height).enumerated() {
            let y = body.y + i
            switch line {
            case .question: grid.write(question, x: body.x, y: y, maxWidth: body.width)
            case .explanation: grid.write(explanation, x: body.x, y: y, maxWidth: body.width)
            case .reason: reasonLine(confirm, into: &grid, x: body.x, y: y, width: body.width)
            case .keys: grid.write(keys, x: body.x, y: y, maxWidth: body.width)
            case .blank: break
            }
        }
    }

    enum Line { case question, explanation, blank, reason, keys }

    /// The lines that fit in `height` rows; the keys and the question go last.
    static func layout(height: Int) -> [Line] {
        switch height {
        case ..<1: []
        case 1: [.keys]
        case 2: [.question, .keys]
        case 3: [.question, .reason, .keys]
        case 4: [.question, .explanation, .reason, .keys]
        case 5: [.question, .explanation, .blank, .reason, .keys]
        default: [.question, .explanation, .blank, .reason, .blank, .keys]
        }
    }

    /// "Reason (optional): …" with a cursor while typing; the end of the text stays visible.
    private static func reasonLine(_ confirm: ConfirmState, into grid: inout CellGrid, x: Int, y: Int, width: Int) {
        let used = grid.write("Reason (optional): ", x: x, y: y, maxWidth: width, role: .muted)
        let room = width - used - 1
        guard room >= 0 else { return }
        if confirm.editingReason {
            let typed = grid.write(FooterView.tail(confirm.reason, width: room), x: x + used, y: y, maxWidth: room, ellipsis: false)
            grid.write(" ", x: x + used + typed, y: y, maxWidth: 1, role: .selection, attributes: [.reverse])
        } else if confirm.reason.isEmpty {
            grid.write("— (e to type one)", x: x + used, y: y, maxWidth: room + 1, role: .muted)
        } else {
            grid.write(confirm.reason, x: x + used, y: y, maxWidth: room + 1)
        }
    }
}
