import FlagtopCore
import Testing
@testable import FlagtopUI

/// A pane whose last read failed says so in its frame and keeps showing what it read before.
@Suite struct PaneProblemTests {
    typealias F = Fixtures

    @Test func aFailedPaneIsMarkedStaleWithItsReasonAndKeepsItsRows() {
        var state = F.state(width: 160, height: 48)
        var data = F.normalData
        data.problems[.logs] = "NOPERM this user has no permissions to run the 'lrange' command"
        data.fetchedAt += 1
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("(stale: NOPERM this user"))
        #expect(text.contains("query took 3 ms"), "the logs pane keeps its rows")
        #expect(!text.contains("Toggles 5 (stale"), "only the failed pane is marked")
    }
}
