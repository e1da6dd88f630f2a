import FlagtopCore

/// Keys inside overlays: the confirm box, text input, and the views that scroll and close.
extension DashboardReducer {
    static let maximumReasonLength = 200
    static let maximumInputLength = 256

    /// The confirm box: `y` writes, `e`/`Tab` types the reason, any other key cancels.
    static func confirmKey(_ state: inout DashboardState, _ confirm: ConfirmState, key: Key, binding: KeyBinding?) -> [DashboardEffect] {
        var confirm = confirm
        if confirm.editingReason {
            switch binding?.action {
            case .finishEditing: confirm.editingReason = false
            case .deleteBackward: if !confirm.reason.isEmpty { confirm.reason.removeLast() }
            case .clearText: confirm.reason = ""
            default:
                if let c = key.typedCharacter, confirm.reason.count < maximumReasonLength { confirm.reason.append(c) }
            }
            state.overlay = .confirm(confirm)
            return []
        }
        switch binding?.action {
        case .confirm:
            return write(&state, confirm)
        case .editReason:
            confirm.editingReason = true
            state.overlay = .confirm(confirm)
            return []
        default:
            state.overlay = .none
            setStatus(&state, "\(confirm.action.verb) \(confirm.toggle) cancelled: nothing written")
            return []
        }
    }

    private static func write(_ state: inout DashboardState, _ confirm: ConfirmState) -> [DashboardEffect] {
        state.overlay = .none
        if let why = state.writeDisabledReason {
            setStatus(&state, "not written — \(why)", isError: true)
            return []
        }
        if let pending = state.pendingWrite {
            setStatus(&state, "not written — still \(pending.action.progressive) \(pending.toggle)", isError: true)
            return []
        }
        state.pendingWrite = PendingWrite(action: confirm.action, toggle: confirm.toggle)
        state.status = nil
        state.statusExpiresAt = nil
        return [.write(confirm.action, toggle: confirm.toggle, reason: confirm.reason.trimmingSpaces)]
    }

    /// Typing a filter (applied as typed, `Esc` restores) or the errors query (run on `Enter`).
    static func inputKey(_ state: inout DashboardState, _ input: InputState, key: Key, binding: KeyBinding?) -> [DashboardEffect] {
        var input = input
        switch binding?.action {
        case .applyInput:
            state.overlay = .none
            switch input.target {
            case .filter(let pane):
                state.filters[pane] = input.text.isEmpty ? nil : input.text
                return []
            case .errorQuery:
                let query = input.text.trimmingSpaces.isEmpty ? "*" : input.text.trimmingSpaces
                state.errorQuery = query
                state.cursors[.errors] = PaneCursor()
                return [.setErrorQuery(query)]
            }
        case .cancelInput:
            state.overlay = .none
            if case .filter(let pane) = input.target {
                state.filters[pane] = input.original.isEmpty ? nil : input.original
            }
            return []
        case .deleteBackward:
            if !input.text.isEmpty { input.text.removeLast() }
        case .clearText:
            input.text = ""
        default:
            guard let c = key.typedCharacter, input.text.count < maximumInputLength else { return [] }
            input.text.append(c)
        }
        state.overlay = .input(input)
        if case .filter(let pane) = input.target {
            state.filters[pane] = input.text.isEmpty ? nil : input.text
        }
        return []
    }

    /// Help, detail, fingerprints and message views: move or scroll, close, quit.
    static func viewKey(_ state: inout DashboardState, key: Key, binding: KeyBinding?) -> [DashboardEffect] {
        let action = binding?.action
        if action == .quit { return [.quit] }
        if action == .close {
            state.overlay = .none
            return []
        }
        switch state.overlay {
        case .help(let scroll):
            if let action {
                let body = HelpOverlay.box(state).inset(by: 1)
                let total = HelpOverlay.lines(state, width: body.width).count
                state.overlay = .help(scroll: scrolled(scroll, action, total: total, page: body.height))
            }
        case .detail(var detail):
            if let action {
                let body = DetailOverlay.body(state)
                let total = state.views.detail?.lines.count ?? 0
                detail.scroll = scrolled(detail.scroll, action, total: total, page: body.height)
                state.overlay = .detail(detail)
            }
        case .fingerprints(var cursor):
            let names = state.data?.fingerprints ?? []
            let page = max(1, FingerprintOverlay.box(state).height - 2)
            if action == .applyFingerprint {
                return applyFingerprint(&state, names.element(at: cursor.clamped(count: names.count, page: page).selected))
            }
            switch action {
            case .moveUp: cursor.selected -= 1
            case .moveDown: cursor.selected += 1
            case .top: cursor.selected = 0
            case .bottom: cursor.selected = names.count - 1
            case .pageUp: cursor.selected -= page
            case .pageDown: cursor.selected += page
            default: break
            }
            state.overlay = .fingerprints(cursor.clamped(count: names.count, page: page))
        case .message:
            // Any key closes a message.
            state.overlay = .none
        case .none, .confirm, .input:
            break
        }
        return []
    }

    private static func scrolled(_ scroll: Int, _ action: DashboardAction, total: Int, page: Int) -> Int {
        let page = max(1, page)
        let bottom = max(0, total - page)
        let current = min(max(0, scroll), bottom)
        switch action {
        case .moveUp: return max(0, current - 1)
        case .moveDown: return min(bottom, current + 1)
        case .pageUp: return max(0, current - page)
        case .pageDown: return min(bottom, current + page)
        case .top: return 0
        case .bottom: return bottom
        default: return current
        }
    }

    private static func applyFingerprint(_ state: inout DashboardState, _ item: FingerprintCount?) -> [DashboardEffect] {
        guard let item else { return [] }
        guard let query = FingerprintQuery.make(item.name) else {
            setStatus(&state, "cannot search for that name", isError: true)
            return []
        }
        state.overlay = .none
        state.errorQuery = query
        state.focus = .errors
        state.cursors[.errors] = PaneCursor()
        return [.setErrorQuery(query)]
    }
}
