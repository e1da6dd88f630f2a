import FlagtopCore
import Testing
@testable import FlagtopUI

/// The selection is an item, not a row number: it stays on the same toggle, session, error or log line
/// through refreshes, filters and clearing them, so `K` always offers the toggle the user picked.
@Suite struct SelectionIdentityTests {
    typealias F = Fixtures

    func selectedToggle(_ state: DashboardState) -> String? { state.selectedToggle?.name }

    /// The defect: `/useNewAlgorithm` Enter, then Esc, and the selection jumped to the first row, so the next
    /// `K` offered to kill another toggle.
    @Test func clearingTheFilterKeepsTheFilteredToggleSelected() {
        var state = F.state(width: 120, height: 40)
        // Sorted as the poller delivers them, useNewAlgorithm is not the first row.
        var data = F.normalData
        data.toggles.sort { $0.name < $1.name }
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        #expect(state.visibleToggles.first?.name != "useNewAlgorithm")
        F.press(&state, .char("/"))
        F.type(&state, "useNewAlgorithm")
        F.press(&state, .enter)
        #expect(selectedToggle(state) == "useNewAlgorithm")
        F.press(&state, .escape)
        #expect(state.filter(.toggles) == "")
        #expect(state.visibleToggles.count == 5)
        #expect(selectedToggle(state) == "useNewAlgorithm")
        F.press(&state, .char("K"))
        guard case .confirm(let box) = state.overlay else {
            Issue.record("no confirm box")
            return
        }
        #expect(box.toggle == "useNewAlgorithm")
    }

    @Test func cancellingTheFilterWithEscKeepsTheSelection() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("G"))  // the last toggle
        let chosen = selectedToggle(state)
        F.press(&state, .char("/"))
        F.type(&state, "a")
        F.press(&state, .escape)  // typing cancelled: the old (empty) filter comes back
        #expect(selectedToggle(state) == chosen)
    }

    @Test func theSelectionFollowsItsItemThroughRefreshesThatReorderRows() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("j"), .char("j"))
        let chosen = selectedToggle(state)
        var data = F.normalData
        data.toggles.reverse()
        data.fetchedAt += 1
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        #expect(selectedToggle(state) == chosen)
        // Sessions too.
        F.press(&state, .char("2"), .char("j"))
        let session = state.visibleSessions[state.cursor(.sessions).selected].id
        data.sessions.reverse()
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        #expect(state.visibleSessions[state.cursor(.sessions).selected].id == session)
    }

    @Test func aFilterThatHidesTheSelectionThenClearsFindsTheLastItemChosen() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("4"), .char("g"), .char("j"))  // logs: second line, not following
        let line = state.visibleLogs[state.cursor(.logs).selected]
        F.press(&state, .char("/"))
        F.type(&state, line.message)
        F.press(&state, .enter, .escape)
        #expect(state.visibleLogs[state.cursor(.logs).selected] == line)
    }
}
