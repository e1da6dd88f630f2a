import FlagtopCore
import Testing
@testable import FlagtopUI

@Suite struct ReducerTests {
    typealias F = Fixtures

    @Test func tabAndShiftTabCycleFocusAndDigitsJump() {
        var state = F.state(width: 120, height: 40)
        #expect(state.focus == .toggles)
        F.press(&state, .tab)
        #expect(state.focus == .sessions)
        F.press(&state, .tab, .tab, .tab)
        #expect(state.focus == .toggles)
        F.press(&state, .backTab)
        #expect(state.focus == .logs)
        F.press(&state, .char("3"))
        #expect(state.focus == .errors)
        F.press(&state, .char("1"))
        #expect(state.focus == .toggles)
        #expect(F.press(&state, .char("9")).isEmpty)
        #expect(state.focus == .toggles)
    }

    @Test func movementStaysInBounds() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("j"), .down)
        #expect(state.cursor(.toggles).selected == 2)
        F.press(&state, .char("G"))
        #expect(state.cursor(.toggles).selected == 4)
        F.press(&state, .char("j"), .pageDown)
        #expect(state.cursor(.toggles).selected == 4)
        F.press(&state, .char("g"), .char("k"), .up, .pageUp)
        #expect(state.cursor(.toggles).selected == 0)
    }

    @Test func killThenNCancelsWithoutEffect() {
        var state = F.state(width: 120, height: 40)
        #expect(F.press(&state, .char("K")).isEmpty)
        guard case .confirm(let box) = state.overlay else {
            Issue.record("no confirm box")
            return
        }
        #expect(box.toggle == "useNewAlgorithm")
        #expect(box.currentState == .on)
        #expect(F.press(&state, .char("n")).isEmpty)
        #expect(state.overlay == .none)
        #expect(state.pendingWrite == nil)
        #expect(state.status?.text.contains("cancelled") == true)
    }

    @Test func everyOtherKeyCancelsTheBox() {
        for key: Key in [.escape, .enter, .char("Y"), .char("q"), .char("K"), .down, .backspace] {
            var state = F.state(width: 120, height: 40)
            F.press(&state, .char("K"))
            #expect(F.press(&state, key).isEmpty, "\(key)")
            #expect(state.overlay == .none, "\(key)")
        }
    }

    @Test func killWithReasonThenYEmitsExactlyOneKill() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("j"))  // newCheckout
        var effects = F.press(&state, .char("K"), .char("e"))
        effects += F.type(&state, "yes, spike in errors q")
        effects += F.press(&state, .backspace, .backspace, .enter)
        #expect(effects.isEmpty)
        guard case .confirm(let box) = state.overlay else {
            Issue.record("confirm box closed while typing")
            return
        }
        #expect(box.reason == "yes, spike in errors")
        #expect(!box.editingReason)
        effects = F.press(&state, .char("y"))
        #expect(effects == [.write(.kill, toggle: "newCheckout", reason: "yes, spike in errors")])
        #expect(state.pendingWrite == PendingWrite(action: .kill, toggle: "newCheckout"))
        #expect(state.overlay == .none)
        // The status line says "killing…" and claims nothing until Redis answers.
        let footer = DashboardRenderer.render(state).lines[state.height - 2]
        #expect(footer.contains("killing newCheckout…"))
        #expect(!footer.contains("killed"))
    }

    @Test func successIsShownOnlyAfterWriteFinished() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("R"), .char("y"))
        #expect(state.status == nil)
        let effects = DashboardReducer.reduce(&state, .writeFinished(.restore, toggle: "useNewAlgorithm", result: .success("")))
        #expect(effects == [.refreshNow])
        #expect(state.pendingWrite == nil)
        #expect(state.status == StatusMessage("restored useNewAlgorithm"))
    }

    @Test func aFailedWriteShowsTheFailure() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("K"), .char("y"))
        let effects = DashboardReducer.reduce(&state, .writeFinished(.kill, toggle: "useNewAlgorithm", result: .failure(WriteFailure("NOPERM this user has no permissions"))))
        #expect(effects.isEmpty)
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("NOPERM") == true)
        #expect(state.status?.text.contains("killed") == false)
    }

    @Test func noSecondWriteWhileOneIsInFlight() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("K"), .char("y"))
        let effects = F.press(&state, .char("R"), .char("y"))
        #expect(effects.isEmpty)
        #expect(state.status?.text.contains("still killing") == true)
    }

    @Test func readOnlyKillDoesNothingButSaysWhy() {
        var state = F.state(width: 120, height: 40, readOnly: "--read-only")
        let effects = F.press(&state, .char("K"), .char("y"))
        #expect(effects.isEmpty)
        #expect(state.overlay == .none)
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("--read-only") == true)
    }

    @Test func aclDenialTurnsWritesOffEvenWithTheBoxOpen() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("K"))
        _ = DashboardReducer.reduce(&state, .writeAccessChanged(.denied(reason: "ACL: user viewer may not HSET")))
        #expect(F.press(&state, .char("y")).isEmpty)
        #expect(state.status?.text.contains("ACL") == true)
        #expect(F.press(&state, .char("K")).isEmpty)
        #expect(state.overlay == .none)
    }

    @Test func queryEditingEmitsSetErrorQueryOnEnterOnly() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("3"), .char("/"), .ctrl("u"))
        var effects = F.type(&state, "@toggleName:useNewAlgorithm q")
        #expect(effects.isEmpty)
        #expect(state.errorQuery == "*")
        effects = F.press(&state, .enter)
        #expect(effects == [.setErrorQuery("@toggleName:useNewAlgorithm q")])
        #expect(state.errorQuery == "@toggleName:useNewAlgorithm q")
        #expect(state.overlay == .none)
    }

    @Test func escapeLeavesTheQueryAlone() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("3"), .char("/"))
        F.type(&state, "John")
        #expect(F.press(&state, .escape).isEmpty)
        #expect(state.errorQuery == "*")
    }

    @Test func filterAppliesWhileTypingAndEscRestores() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("/"))
        F.type(&state, "CHECK")
        #expect(state.visibleToggles.map(\.name) == ["newCheckout"])
        F.press(&state, .escape)
        #expect(state.visibleToggles.count == 5)
        F.press(&state, .char("/"))
        F.type(&state, "killed")
        F.press(&state, .enter)
        #expect(state.filter(.toggles) == "killed")
        #expect(state.visibleToggles.map(\.name) == ["newCheckout"])
        F.press(&state, .escape)  // on the main screen: clears the filter
        #expect(state.filter(.toggles) == "")
    }

    @Test func fingerprintBrowserSetsTheQuery() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("3"), .char("f"), .char("j"))
        let effects = F.press(&state, .enter)
        #expect(effects == [.setErrorQuery("@fingerPrint:(stephanie b)")])
        #expect(state.errorQuery == "@fingerPrint:(stephanie b)")
        #expect(state.overlay == .none)
    }

    @Test func plusAndMinusStayWithinBounds() {
        var state = F.state(width: 120, height: 40)
        var intervals: [Double] = []
        for _ in 0..<20 {
            for effect in F.press(&state, .char("+")) { if case .setInterval(let s) = effect { intervals.append(s) } }
        }
        #expect(intervals == [3, 5, 10, 15, 30, 60])
        #expect(state.interval == 60)
        intervals = []
        for _ in 0..<20 {
            for effect in F.press(&state, .char("-")) { if case .setInterval(let s) = effect { intervals.append(s) } }
        }
        #expect(intervals == [30, 15, 10, 5, 3, 2, 1, 0.5, 0.25])
        #expect(state.interval == 0.25)
    }

    @Test func pauseRefreshAndThemeEmitTheirEffects() {
        var state = F.state(width: 120, height: 40)
        #expect(F.press(&state, .char("p")) == [.setPaused(true)])
        #expect(F.press(&state, .char("p")) == [.setPaused(false)])
        #expect(F.press(&state, .char("r")) == [.refreshNow])
        #expect(F.press(&state, .char("t")) == [.setTheme("light")])
        #expect(F.press(&state, .char("t"), .char("t"), .char("t")) == [.setTheme("high-contrast"), .setTheme("mono"), .setTheme("default")])
    }

    @Test func logsFollowUntilScrolledUpThenGResumes() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("4"))
        #expect(state.followLogs)
        #expect(state.cursor(.logs).selected == 4)
        var data = F.normalData
        data.logs.append(F.log("ops", "info", "Sat Nov 21 19:14:00 2026", "new line"))
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        #expect(state.cursor(.logs).selected == 5)
        F.press(&state, .char("k"))
        #expect(!state.followLogs)
        #expect(state.cursor(.logs).selected == 4)
        data.logs.append(F.log("ops", "info", "Sat Nov 21 19:14:01 2026", "another"))
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        #expect(state.cursor(.logs).selected == 4)
        F.press(&state, .char("G"))
        #expect(state.followLogs)
        #expect(state.cursor(.logs).selected == 6)
        F.press(&state, .char("F"))
        #expect(!state.followLogs)
        F.press(&state, .char("F"))
        #expect(state.followLogs)
    }

    /// Errors are newest first: with the top row selected, new hits appear at the top instead of pushing the
    /// selection (and the view) down; a selection further down stays on its error.
    @Test func errorsStayOnTheNewestHitWhileTheTopRowIsSelected() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("3"))
        #expect(state.cursor(.errors).selected == 0)
        var data = F.normalData
        let newest = F.error("useNewAlgorithm:11-21-26-19-14-00", [("toggleName", "useNewAlgorithm"), ("exceptionBody", "newest")])
        data.errors = ErrorSearchResult(total: (data.errors?.total ?? 0) + 1, hits: [newest] + (data.errors?.hits ?? []))
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        #expect(state.cursor(.errors).selected == 0)
        #expect(state.visibleErrors.first?.id == newest.id)
        F.press(&state, .char("j"))
        let selectedID = state.visibleErrors[state.cursor(.errors).selected].id
        let newer = F.error("useNewAlgorithm:11-21-26-19-14-05", [("toggleName", "useNewAlgorithm"), ("exceptionBody", "newer")])
        data.errors = ErrorSearchResult(total: (data.errors?.total ?? 0) + 1, hits: [newer] + (data.errors?.hits ?? []))
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        #expect(state.visibleErrors[state.cursor(.errors).selected].id == selectedID)
    }

    @Test func severityFilterCycles() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("4"))
        var counts: [Int] = []
        for _ in 0..<6 {
            F.press(&state, .char("s"))
            counts.append(state.visibleLogs.count)
        }
        // debug+, info+, warning+, error+, critical, all
        #expect(counts == [5, 4, 3, 2, 1, 5])
    }

    @Test func qAndCtrlCQuit() {
        var state = F.state(width: 120, height: 40)
        #expect(F.press(&state, .char("q")) == [.quit])
        #expect(F.press(&state, .ctrl("c")) == [.quit])
        #expect(F.press(&state, .char("\u{3}")) == [.quit])
    }

    @Test func qIsTextWhileTypingButCtrlCStillQuits() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("/"))
        #expect(F.press(&state, .char("q")).isEmpty)
        #expect(state.overlay == .input(InputState(target: .filter(.toggles), text: "q", original: "")))
        #expect(F.press(&state, .ctrl("c")) == [.quit])
        F.press(&state, .escape, .char("K"), .char("e"))
        #expect(F.press(&state, .ctrl("c")) == [.quit])
    }

    @Test func tooSmallScreenOnlyQuits() {
        var state = F.state(width: 30, height: 8)
        #expect(F.press(&state, .char("K"), .char("y")).isEmpty)
        #expect(state.overlay == .none)
        #expect(F.press(&state, .char("q")) == [.quit])
    }

    @Test func detailOpensClosesAndScrolls() {
        var state = F.state(width: 80, height: 24)
        F.press(&state, .char("3"), .char("j"), .enter)
        #expect(state.overlay == .detail(DetailState(kind: .error(id: "newCheckout:11-21-26-19-13-40"))))
        F.press(&state, .char("G"))
        guard case .detail(let detail) = state.overlay else {
            Issue.record("detail closed")
            return
        }
        #expect(detail.scroll == 0)  // everything fits at 80×24
        F.press(&state, .escape)
        #expect(state.overlay == .none)
    }

    @Test func selectionFollowsTheSameToggleAcrossRefreshes() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("j"), .char("j"))
        #expect(state.selectedToggle?.name == "darkMode")
        var data = F.normalData
        data.toggles.insert(F.toggle("aNewOne", [("toggle", "True")]), at: 0)
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        #expect(state.selectedToggle?.name == "darkMode")
    }

    @Test func messagesOpenABoxThatAnyKeyCloses() {
        var state = F.state(width: 120, height: 40)
        _ = DashboardReducer.reduce(&state, .showMessage("theme light.toml: line 3: unknown colour", isError: true))
        #expect(state.overlay == .message(text: "theme light.toml: line 3: unknown colour", isError: true))
        #expect(F.press(&state, .char("x")).isEmpty)
        #expect(state.overlay == .none)
        // Never on top of a confirm box: the key meant for the box must not dismiss a message instead.
        F.press(&state, .char("K"))
        _ = DashboardReducer.reduce(&state, .showMessage("late news", isError: false))
        #expect(state.status?.text == "late news")
        #expect(F.press(&state, .char("y")) == [.write(.kill, toggle: "useNewAlgorithm", reason: "")])
    }

    @Test func dataGoesStaleWhenDisconnectedOrOld() {
        var state = F.state(width: 120, height: 40)
        #expect(!state.stale)
        _ = DashboardReducer.reduce(&state, .tick(now: F.fetchedAt + 30))
        #expect(state.stale)
        _ = DashboardReducer.reduce(&state, .dataArrived({ var d = F.normalData; d.fetchedAt = F.fetchedAt + 30; return d }()))
        #expect(!state.stale)
        _ = DashboardReducer.reduce(&state, .connectionChanged(.disconnected(reason: "connection refused", retryIn: 3)))
        #expect(state.stale)
    }
}
