import FlagtopCore
import Testing
@testable import FlagtopUI

/// Golden screens. Record with `RECORD_SNAPSHOTS=1 swift test --filter FlagtopUITests`, read the
/// files in `__Snapshots__/`, then run again without it.
@Suite struct SnapshotTests {
    typealias F = Fixtures
    static let sizes = [(160, 48), (80, 24), (40, 10), (20, 5)]

    static func name(_ base: String, _ size: (Int, Int)) -> String { "\(base)-\(size.0)x\(size.1)" }

    /// Checks the shape before the snapshot, so a wrong size fails with a clear message.
    static func check(_ state: DashboardState, _ name: String, roles: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let grid = DashboardRenderer.render(state)
        #expect(grid.lines.count == state.height, sourceLocation: sourceLocation)
        assertSnapshot(grid.text, named: name, sourceLocation: sourceLocation)
        if roles { assertSnapshot(grid.roleText, named: name + ".roles", sourceLocation: sourceLocation) }
    }

    @Test(arguments: sizes)
    func main(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        F.press(&state, .char("j"))  // select the killed toggle
        Self.check(state, Self.name("main", (width, height)), roles: width == 80)
    }

    @Test(arguments: sizes)
    func help(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        F.press(&state, .char("?"))
        Self.check(state, Self.name("help", (width, height)))
    }

    @Test func helpReadOnly() {
        var state = F.state(width: 80, height: 24, readOnly: "--read-only")
        F.press(&state, .char("?"), .pageDown)
        Self.check(state, "help-readonly-80x24", roles: true)
    }

    @Test(arguments: sizes)
    func confirm(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        F.press(&state, .char("K"), .char("e"))
        F.type(&state, "error spike after 2.5 deploy")
        Self.check(state, Self.name("confirm", (width, height)))
    }

    @Test(arguments: sizes)
    func disconnectedStale(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        _ = DashboardReducer.reduce(&state, .tick(now: F.fetchedAt + 40))
        _ = DashboardReducer.reduce(&state, .connectionChanged(.disconnected(reason: "Connection refused", retryIn: 4)))
        _ = DashboardReducer.reduce(&state, .tick(now: F.fetchedAt + 41.2))
        F.press(&state, .char("p"))
        Self.check(state, Self.name("disconnected", (width, height)), roles: width == 80)
    }

    @Test(arguments: sizes)
    func hostile(width: Int, height: Int) {
        var state = F.state(width: width, height: height, data: F.hostileData, access: F.hostileAccess)
        _ = DashboardReducer.reduce(&state, .notice(F.hostile(1), isError: true))
        Self.check(state, Self.name("hostile", (width, height)))
    }

    @Test func hostileDetail() {
        var state = F.state(width: 80, height: 24, data: F.hostileData, access: F.hostileAccess)
        F.press(&state, .char("3"), .char("j"), .enter)
        Self.check(state, "hostile-error-detail-80x24")
    }

    @Test func sessionDetailWithDecisions() {
        var state = F.state(width: 80, height: 24)
        F.press(&state, .char("2"), .enter)
        Self.check(state, "session-detail-80x24")
    }

    @Test func errorsQueryTypingAndFingerprints() {
        var state = F.state(width: 80, height: 24)
        F.press(&state, .char("3"), .char("f"))
        Self.check(state, "fingerprints-80x24")
        F.press(&state, .escape, .char("/"), .ctrl("u"))
        F.type(&state, "@toggleName:newCheckout")
        Self.check(state, "errors-query-input-80x24")
    }

    @Test func errorsQueryProblem() {
        var state = F.state(width: 160, height: 48)
        var data = F.normalData
        data.errors = nil
        data.errorQuery = "@fingerPrint:("
        data.errorQueryProblem = "Syntax error at offset 14 near fingerPrint"
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        state.errorQuery = "@fingerPrint:("
        F.press(&state, .char("3"))
        Self.check(state, "errors-problem-160x48")
    }
}
