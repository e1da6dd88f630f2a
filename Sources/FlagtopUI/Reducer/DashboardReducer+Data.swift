/// New data and write outcomes.
extension DashboardReducer {
    /// Replaces the data; `derive` then rebuilds the rows and keeps each pane's selection on its item.
    static func applyData(_ state: inout DashboardState, _ data: DashboardData) {
        state.data = data
        state.now = max(state.now, data.fetchedAt)
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
