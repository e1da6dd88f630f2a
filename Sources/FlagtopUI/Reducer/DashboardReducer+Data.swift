/// New data and write outcomes.
extension DashboardReducer {
    /// Replaces the data, keeping each pane's selection on the same item (the logs pane on its
    /// newest line while following, and the errors pane on its newest hit while the top row is selected,
    /// so new errors show up instead of scrolling in above the view).
    static func applyData(_ state: inout DashboardState, _ data: DashboardData) {
        // Only panes whose selection follows its item need identities (thousands of log lines otherwise).
        let tracked = Pane.allCases.filter { pane in
            !(pane == .logs && state.followLogs) && !(pane == .errors && state.cursor(pane).selected == 0)
        }
        var previous: [Pane: (id: String, index: Int)] = [:]
        for pane in tracked {
            let index = state.cursor(pane).selected
            if let id = state.rowIdentity(pane, at: index) { previous[pane] = (id, index) }
        }
        state.data = data
        state.now = max(state.now, data.fetchedAt)
        for pane in tracked {
            guard let old = previous[pane] else { continue }
            let ids = state.rowIdentities(pane)
            let matches = ids.indices.filter { ids[$0] == old.id }
            if let nearest = matches.min(by: { abs($0 - old.index) < abs($1 - old.index) }) {
                state.cursors[pane, default: PaneCursor()].selected = nearest
            }
        }
        clampCursors(&state)
        updateStale(&state)
    }

    static func finishWrite(
        _ state: inout DashboardState, action: WriteAction, toggle: String, result: Result<String, WriteFailure>
    ) -> [DashboardEffect] {
        if state.pendingWrite == PendingWrite(action: action, toggle: toggle) { state.pendingWrite = nil }
        switch result {
        case .success(let note):
            setStatus(&state, "\(action.past) \(toggle)" + (note.isEmpty ? "" : " — \(note)"))
            return [.refreshNow]
        case .failure(let failure):
            switch failure.kind {
            case .notDone:
                let said = failure.message.hasSuffix("nothing changed") || failure.message.hasSuffix("Nothing changed")
                setStatus(&state, "\(action.verb) \(toggle) failed: \(failure.message)" + (said ? "" : " — nothing changed"), isError: true)
                return []
            case .donePartly:
                setStatus(&state, "\(action.past) \(toggle), but \(failure.message)", isError: true)
                return [.refreshNow]
            case .unknown:
                setStatus(&state, "\(action.verb) \(toggle): \(failure.message)", isError: true)
                return [.refreshNow]
            case .nothingToDo:
                setStatus(&state, failure.message)
                return []
            }
        }
    }
}
