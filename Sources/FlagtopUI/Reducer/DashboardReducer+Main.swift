import FlagtopCore

/// Actions on the main screen (no overlay).
extension DashboardReducer {
    /// What `action` does on the main screen; nil for an action that belongs to an overlay. The switch
    /// names every action, so a new one cannot be bound without saying what it does here
    /// (`KeyDispatchTests` walks the binding table to check each main-screen key does something).
    static func performMain(_ state: inout DashboardState, _ action: DashboardAction, key: Key) -> [DashboardEffect]? {
        switch action {
        case .focusNext: focus(&state, state.focus.next)
        case .focusPrevious: focus(&state, state.focus.previous)
        case .focusPane:
            if case .char(let c) = key, let n = c.wholeNumberValue, let pane = Pane(number: n) { focus(&state, pane) }
        case .moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown:
            move(&state, action)
        case .openDetail:
            openDetail(&state)
        case .clear:
            // In Errors the "filter" is the query: Esc goes back to every error.
            if state.focus == .errors, state.errorQuery.trimmingSpaces != "*" {
                state.errorQuery = "*"
                return [.setErrorQuery("*")]
            }
            if !state.filter(state.focus).isEmpty {
                state.filters[state.focus] = nil
            } else {
                state.status = nil
            }
        case .filter:
            let current = state.filter(state.focus)
            state.overlay = .input(InputState(target: .filter(state.focus), text: current, original: current))
        case .editQuery:
            state.overlay = .input(InputState(target: .errorQuery, text: state.errorQuery, original: state.errorQuery))
        case .browseFingerprints:
            state.overlay = .fingerprints(PaneCursor())
            // The counts are recounted on a forced refresh, so the browser opens on current numbers.
            return [.refreshNow]
        case .kill:
            openConfirm(&state, .kill)
        case .restore:
            openConfirm(&state, .restore)
        case .cycleSeverity:
            state.logSeverity = state.logSeverity.next
        case .toggleFollow:
            state.followLogs.toggle()
        case .togglePause:
            state.paused.toggle()
            updateStale(&state)
            setStatus(&state, state.paused ? "paused: p resumes" : "refreshing again")
            return [.setPaused(state.paused)]
        case .refresh:
            setStatus(&state, "refreshing now")
            return [.refreshNow]
        case .slower, .faster:
            let next = action == .slower ? RefreshInterval.longer(than: state.interval) : RefreshInterval.shorter(than: state.interval)
            guard next != state.interval else {
                setStatus(&state, "the interval is already \(Format.decimal(state.interval))s, the \(action == .slower ? "longest" : "shortest")")
                return []
            }
            state.interval = next
            updateStale(&state)
            setStatus(&state, "refresh every \(Format.decimal(next))s")
            return [.setInterval(next)]
        case .cycleTheme:
            guard !state.themeNames.isEmpty else {
                setStatus(&state, "no themes to choose from", isError: true)
                return []
            }
            let index = state.themeNames.firstIndex(of: state.themeName).map { ($0 + 1) % state.themeNames.count } ?? 0
            state.themeName = state.themeNames[index]
            setStatus(&state, "theme: \(state.themeName)")
            return [.setTheme(state.themeName)]
        case .help:
            state.overlay = .help(scroll: 0)
        case .quit:
            return [.quit]
        case .suspend:
            return [.suspend]
        case .close, .confirm, .editReason, .cancel, .finishEditing, .applyInput, .cancelInput, .deleteBackward,
             .clearText, .typeText, .applyFingerprint:
            return nil
        }
        return []
    }

    static func focus(_ state: inout DashboardState, _ pane: Pane) {
        // The stacked layout gives the focused pane more rows; `derive` fits the cursors to them.
        state.focus = pane
    }

    static func move(_ state: inout DashboardState, _ action: DashboardAction) {
        let pane = state.focus
        let count = state.rowCount(pane)
        let page = state.pageSize(pane)
        var cursor = state.cursor(pane)
        switch action {
        case .moveUp: cursor.selected -= 1
        case .moveDown: cursor.selected += 1
        case .top: cursor.selected = 0
        case .bottom: cursor.selected = count - 1
        case .pageUp:
            cursor.selected -= page
            cursor.scroll -= page
        case .pageDown:
            cursor.selected += page
            cursor.scroll += page
        default: break
        }
        if pane == .logs {
            // Like tail -f: scrolling up stops following; G (or F) follows again.
            if action == .moveUp || action == .pageUp || action == .top { state.followLogs = false }
            if action == .bottom { state.followLogs = true }
        }
        state.cursors[pane] = cursor.clamped(count: count, page: page)
    }

    static func openDetail(_ state: inout DashboardState) {
        let kind: DetailKind?
        switch state.rowID(state.focus, at: state.cursor(state.focus).selected) {
        case .toggle(let name): kind = .toggle(name: name)
        case .session(let id): kind = .session(id: id)
        case .error(let id): kind = .error(id: id)
        case .log(let entry): kind = .log(entry)
        case nil: kind = nil
        }
        if let kind { state.overlay = .detail(DetailState(kind: kind)) }
    }

    static func openConfirm(_ state: inout DashboardState, _ action: WriteAction) {
        let key = action == .kill ? "K" : "R"
        if let why = state.writeDisabledReason {
            setStatus(&state, "\(key) (\(action.verb)) is off — \(why)", isError: true)
            return
        }
        if let pending = state.pendingWrite {
            setStatus(&state, "wait: still \(pending.action.progressive) \(pending.toggle)", isError: true)
            return
        }
        guard let toggle = state.selectedToggle else {
            setStatus(&state, "no toggle selected", isError: true)
            return
        }
        state.overlay = .confirm(ConfirmState(action: action, toggle: toggle.name, currentState: toggle.state))
    }
}

extension Array {
    func element(at index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
