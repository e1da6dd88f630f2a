import FlagtopCore
import FlagtopTestSupport
import Testing
@testable import FlagtopUI

/// Long lists: the rows the reducer derives keep the same rows as the filters' plain definition, and the
/// shortcuts taken for thousands of rows agree with what they stand in for. Tests that change the state
/// directly derive the views again (`DashboardReducer.derive`), as every reduced event does.
@Suite struct LargeListTests {
    typealias F = Fixtures
    static let words = ["alpha", "Beta", "GAMMA", "info", "ÉCLAIR", "straße", "機能", "x\u{301}y", "İstanbul", "🚀", "ops", "Warning"]

    static func randomText(_ rng: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...3, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
    }

    static func data(_ rng: inout SeededGenerator, count: Int) -> DashboardData {
        DashboardData(
            server: "s",
            toggles: (0..<count).map { i in F.toggle("t\(i) " + randomText(&rng), [("toggle", "True"), ("releaseNum", randomText(&rng)), ("fingerprint", randomText(&rng))]) },
            logs: (0..<count).map { i in
                F.log(randomText(&rng), ["debug", "INFO", "Warning", "error", "critical", "notice", "İNFO"][i % 7], "Sat Nov 21 19:13:\(i % 60) 2026", randomText(&rng))
            },
            fetchedAt: F.fetchedAt)
    }

    /// The filters' definition, written out plainly.
    static func reference(_ state: DashboardState) -> (toggles: [String], logs: [String]) {
        let t = state.filter(.toggles).lowercased()
        let l = state.filter(.logs).lowercased()
        let toggles = state.data!.toggles.filter { tg in
            t.isEmpty || [tg.name, tg.state.rawValue, tg.releaseNum ?? "", tg.fingerprint ?? "", tg.override ?? ""].contains { $0.lowercased().contains(t) }
        }
        let logs = state.data!.logs.filter { e in
            let level: Int? = ["debug": 10, "info": 20, "warning": 30, "error": 40, "critical": 50][e.severity.lowercased()]
            guard state.logSeverity == .all || (level.map { $0 >= state.logSeverity.rawValue } ?? false) else { return false }
            return l.isEmpty || [e.name, e.severity, e.time, e.message].contains { $0.lowercased().contains(l) }
        }
        return (toggles.map(\.name), logs.map(\.message))
    }

    @Test func filtersKeepTheRowsTheirDefinitionKeeps() {
        var rng = SeededGenerator(seed: 2026)
        var state = F.state(width: 160, height: 48, data: Self.data(&rng, count: 600))
        for _ in 0..<30 {
            state.filters[.toggles] = Bool.random(using: &rng) ? "" : Self.words.randomElement(using: &rng)!.prefix(Int.random(in: 1...4, using: &rng)).lowercased()
            state.filters[.logs] = Bool.random(using: &rng) ? "" : Self.words.randomElement(using: &rng)!.uppercased()
            state.logSeverity = LogSeverityFilter.allCases.randomElement(using: &rng)!
            DashboardReducer.derive(&state)
            let expected = Self.reference(state)
            #expect(state.visibleToggles.map(\.name) == expected.toggles)
            #expect(state.visibleLogs.map(\.message) == expected.logs)
        }
    }

    /// Changed data (even changed in place) is filtered again.
    @Test func changedDataIsFilteredAgain() {
        var rng = SeededGenerator(seed: 9)
        var state = F.state(width: 160, height: 48, data: Self.data(&rng, count: 500))
        state.filters[.toggles] = "needle"
        DashboardReducer.derive(&state)
        #expect(state.visibleToggles.isEmpty)
        var data = state.data!
        data.toggles[123].name = "the Needle"
        state.data = data
        DashboardReducer.derive(&state)
        #expect(state.visibleToggles.map(\.name) == ["the Needle"])
        state.data!.toggles[400].fields.append(Field("override", "NEEDLEs"))
        DashboardReducer.derive(&state)
        #expect(state.visibleToggles.count == 2)
        state.filters[.toggles] = "needles"
        DashboardReducer.derive(&state)
        #expect(state.visibleToggles.map(\.name) == [state.data!.toggles[400].name])
    }

    @Test func severityLevelsMatchTheirLoweredNames() {
        for name in ["debug", "DEBUG", "Info", "iNfO", "warning", "WARNING", "error", "Critical", "warn", "", "İNFO", "inf", "infos", "ＩＮＦＯ", "critical "] {
            let lowered: Int? = ["debug": 10, "info": 20, "warning": 30, "error": 40, "critical": 50][name.lowercased()]
            #expect(LogSeverityFilter.level(of: name) == lowered, "\(name)")
        }
    }

    @Test func sparklineCellsMatchTheDrawnSparkline() {
        for buckets in 0...35 {
            for width in -1...32 {
                let values = (0..<buckets).map { $0 % 4 }
                #expect(Sparkline.cells(buckets: buckets, width: width) == TextMeasure.width(Sparkline.render(values, width: width)))
            }
        }
    }

    /// Only measured and visible rows are formatted, so the screen of a huge list still shows the
    /// selected row with columns measured on the first rows.
    @Test func aHugeListRendersItsSelectedRow() {
        let toggles = (0..<50_000).map { F.toggle("toggle\($0)", [("toggle", $0 % 3 == 0 ? "False" : "True")]) }
        var state = F.state(width: 120, height: 40, data: DashboardData(server: "s", toggles: toggles, fetchedAt: F.fetchedAt))
        F.press(&state, .end)
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("toggle49999"))
        #expect(text.contains("Toggles 50000"))
        #expect(!text.contains("toggle0 "))
    }

    /// Column widths are measured once per change of the rows: changed rows (even changed in place
    /// through the state) are measured again, and the kept measurement equals a fresh one.
    @Test func columnWidthsFollowChangedRows() {
        let toggles = (0..<400).map { F.toggle("t\($0)", [("toggle", "True"), ("releaseNum", "1")]) }
        var state = F.state(width: 160, height: 48, data: DashboardData(server: "s", toggles: toggles, fetchedAt: F.fetchedAt))
        let before = DashboardRenderer.render(state)
        state.data!.toggles[2].fields[1].value = "1.2.3-rc.4"
        DashboardReducer.derive(&state)
        let after = DashboardRenderer.render(state)
        #expect(!before.text.contains("1.2.3-rc.4"))
        #expect(after.text.contains("1.2.3-rc.4 "))
        #expect(DashboardRenderer.render(state) == after)
    }
}
