import FlagtopCore
import Testing
@testable import FlagtopUI

/// The views the renderer reads are built in the reducer once per change, and only for what changed.
@Suite struct DeriveTests {
    typealias F = Fixtures

    @Test func aRefreshThatChangedOnlyTheLogsKeepsTheOtherPanesTables() {
        var state = F.state(width: 160, height: 48)
        let toggles = state.views.tables[.toggles]
        let logs = state.views.tables[.logs]
        var data = F.normalData
        data.logs.append(F.log("ops", "info", "Sat Nov 21 19:14:00 2026", "one more line"))
        data.fetchedAt += 1
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        #expect(state.views.tables[.toggles] == toggles)
        #expect(state.views.tables[.logs] != logs)
        #expect(state.visibleLogs.last?.message == "one more line")
    }

    @Test func deriveIsIdempotentAndRenderOnlyReads() {
        var state = F.state(width: 160, height: 48)
        F.press(&state, .char("j"), .char("2"), .char("/"))
        F.type(&state, "jane")
        let before = state
        DashboardReducer.derive(&state)
        #expect(state == before)
        #expect(DashboardRenderer.render(state) == DashboardRenderer.render(before))
    }

    /// Widths are measured by column name: the toggles' trend column takes its buckets' width.
    @Test func columnsAreFoundByName() {
        let state = F.state(width: 160, height: 48)
        let table = state.views.tables[.toggles]
        #expect((8...15).contains(table?.width(of: "trend") ?? 0), "at most one cell per bucket, at least 8")
        #expect(table?.width(of: "state") == 7)
        #expect(table?.width(of: "no such column") == nil)
    }
}
