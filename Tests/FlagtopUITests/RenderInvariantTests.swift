import FlagtopCore
import SafeText
import FlagtopTestSupport
import Testing
@testable import FlagtopUI

@Suite struct RenderInvariantTests {
    static func randomString(_ rng: inout SeededGenerator) -> String {
        Bool.random(using: &rng) ? Fixtures.hostileStrings.randomElement(using: &rng)! : ["", "abc", "useNewAlgorithm", "John S"].randomElement(using: &rng)!
    }

    static func randomState(_ rng: inout SeededGenerator) -> DashboardState {
        let width = Int.random(in: 0...250, using: &rng)
        let height = Int.random(in: 0...80, using: &rng)
        let data: DashboardData? = [nil, Fixtures.normalData, Fixtures.hostileData, DashboardData(server: "x", fetchedAt: 0)].randomElement(using: &rng)!
        var state = Fixtures.state(width: width, height: height, data: data, readOnly: Bool.random(using: &rng) ? randomString(&rng) : nil)
        state.focus = Pane.allCases.randomElement(using: &rng)!
        for pane in Pane.allCases {
            state.cursors[pane] = PaneCursor(selected: Int.random(in: -3...40, using: &rng), scroll: Int.random(in: -3...40, using: &rng))
            if Bool.random(using: &rng) { state.filters[pane] = Bool.random(using: &rng) ? "" : randomString(&rng) }
        }
        state.errorQuery = randomString(&rng)
        state.logSeverity = LogSeverityFilter.allCases.randomElement(using: &rng)!
        state.followLogs = Bool.random(using: &rng)
        state.paused = Bool.random(using: &rng)
        state.stale = Bool.random(using: &rng)
        state.connection = [.connected, .connecting, .disconnected(reason: randomString(&rng), retryIn: Double.random(in: -5...100, using: &rng))].randomElement(using: &rng)!
        state.status = Bool.random(using: &rng) ? StatusMessage(randomString(&rng), isError: Bool.random(using: &rng)) : nil
        state.pendingWrite = Bool.random(using: &rng) ? PendingWrite(action: .kill, toggle: randomString(&rng)) : nil
        let name = state.data?.toggles.randomElement(using: &rng)?.name ?? randomString(&rng)
        let overlays: [Overlay] = [
            .none, .help(scroll: Int.random(in: -2...200, using: &rng)),
            .detail(DetailState(kind: .toggle(name: name), scroll: Int.random(in: -2...50, using: &rng))),
            .detail(DetailState(kind: .session(id: state.data?.sessions.randomElement(using: &rng)?.id ?? "x"), scroll: 3)),
            .detail(DetailState(kind: .error(id: state.data?.errors?.hits.randomElement(using: &rng)?.id ?? "x"), scroll: 1)),
            .detail(DetailState(kind: .log(Fixtures.log(randomString(&rng), "error", randomString(&rng), randomString(&rng))), scroll: 0)),
            .confirm(ConfirmState(action: .kill, toggle: name, currentState: .killed, reason: randomString(&rng), editingReason: Bool.random(using: &rng))),
            .input(InputState(target: Bool.random(using: &rng) ? .errorQuery : .filter(.logs), text: randomString(&rng), original: "")),
            .fingerprints(PaneCursor(selected: Int.random(in: -1...20, using: &rng), scroll: 0)),
            .message(text: randomString(&rng), isError: Bool.random(using: &rng)),
        ]
        state.overlay = overlays.randomElement(using: &rng)!
        // What the reducer does after every event: the renderer draws the derived views.
        DashboardReducer.derive(&state)
        return state
    }

    @Test func randomStatesRenderToExactlyTheirSize() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<TestScale.iterations(120) {
            let state = Self.randomState(&rng)
            let grid = DashboardRenderer.render(state)
            #expect(grid.width == state.width && grid.height == state.height)
            #expect(grid.cells.count == state.width * state.height)
            for (y, line) in grid.lines.enumerated() {
                #expect(DisplayWidth.of(line) == state.width, "\(state.width)x\(state.height) row \(y): \(line)")
            }
            for cell in grid.cells {
                #expect(cell.text.count <= 1)
                #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(cell.text.unicodeScalars.map(\.value))")
            }
        }
    }

    @Test(arguments: [(0, 0), (1, 1), (1, 0), (0, 5), (39, 10), (40, 9), (20, 5)])
    func tinyTerminalsSayTheyAreTooSmall(width: Int, height: Int) {
        let grid = DashboardRenderer.render(Fixtures.state(width: width, height: height))
        #expect(grid.width == width && grid.height == height)
        let text = grid.lines.joined()
        if width >= 2, height >= 1 { #expect(text.contains("t")) }
        if width >= 30 { #expect(text.contains("terminal too small: need 40x10")) }
        #expect(!text.contains("Toggles"))
    }

    @Test func layoutSwitchesFromGridToStackedAt100Columns() {
        let wide = DashboardLayout.compute(width: 100, height: 30, focus: .toggles)
        #expect(wide.mode == .grid)
        #expect(wide.panes[.toggles]!.y == wide.panes[.sessions]!.y)
        let narrow = DashboardLayout.compute(width: 99, height: 30, focus: .errors)
        #expect(narrow.mode == .stacked)
        let ys = Pane.allCases.map { narrow.panes[$0]!.y }
        #expect(ys == ys.sorted() && Set(ys).count == 4)
        #expect(narrow.panes[.errors]!.height > narrow.panes[.toggles]!.height)
        #expect(DashboardLayout.compute(width: 40, height: 10, focus: .toggles).mode == .stacked)
        #expect(DashboardLayout.compute(width: 39, height: 10, focus: .toggles).mode == .tooSmall)
    }
}
