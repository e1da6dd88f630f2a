import FlagtopCore
import Testing
@testable import FlagtopUI

/// Every key the binding table (and so the help screen and README) lists does something where it is listed.
@Suite struct KeyDispatchTests {
    typealias F = Fixtures

    /// Twenty of everything, so every pane can move up, down and by pages from the middle.
    static var busyData: DashboardData {
        var data = F.normalData
        data.toggles = (0..<20).map { F.toggle("toggle\($0)", [("toggle", $0 % 2 == 0 ? "True" : "False")]) }
        data.sessions = (0..<20).map { F.session("s\($0)", ttl: 60, [("name", "n\($0)")]) }
        data.sessionCount = 20
        let body = (0..<100).map { "\tat Frame\($0).call(Frame.java:\($0))" }.joined(separator: "\n")
        data.errors = ErrorSearchResult(total: 20, hits: (0..<20).map {
            F.error("toggle1:11-21-26-19-13-\($0)", [("toggleName", "toggle1"), ("exceptionBody", body)])
        })
        data.fingerprints = (0..<40).map { FingerprintCount(name: "dev\($0)", count: $0) }
        data.logs = (0..<20).map { F.log("svc", "info", "Sat Nov 21 19:13:\($0) 2026", "line \($0)") }
        return data
    }

    /// A small screen (pages shorter than the lists), the cursor in the middle of every pane, a filter
    /// and a status message to clear.
    static func state(focus pane: Pane) -> DashboardState {
        var state = F.state(width: 120, height: 30, data: busyData)
        F.press(&state, .char(Character(String(pane.number))))
        if pane == .logs { F.press(&state, .char("g")) }
        for _ in 0..<10 { F.press(&state, .char("j")) }
        state.status = StatusMessage("something happened")
        return state
    }

    @Test func everyMainScreenBindingIsHandledInEveryPaneItAppliesTo() {
        for binding in KeyBindings.all where !binding.keys.isEmpty {
            for pane in Pane.allCases where binding.applies(in: .main(pane)) {
                var state = Self.state(focus: pane)
                let handled = binding.scopes.contains(.anywhere)
                    ? [.quit, .suspend].contains(binding.action)
                    : DashboardReducer.performMain(&state, binding.action, key: binding.keys[0]) != nil
                #expect(handled, "\(binding.label) (\(binding.action)) listed for \(pane.title) but not handled there")
            }
        }
    }

    /// Pressing each listed key changes the screen's state or asks the runtime for something.
    @Test func everyMainScreenKeyDoesSomething() {
        for binding in KeyBindings.all where !binding.keys.isEmpty {
            for pane in Pane.allCases where binding.applies(in: .main(pane)) {
                // The digit of the pane that already has focus has nothing left to do.
                for key in binding.keys where !(binding.action == .focusPane && key == .char(Character(String(pane.number)))) {
                    var state = Self.state(focus: pane)
                    let before = state
                    let effects = F.press(&state, key)
                    #expect(state != before || !effects.isEmpty, "\(key.label) in \(pane.title) did nothing")
                }
            }
        }
    }

    /// The same inside every overlay: each key listed for it changes something or asks for something.
    @Test func everyOverlayKeyDoesSomething() {
        let openers: [OverlayKind: [Key]] = [
            .help: [.char("?")], .detail: [.char("3"), .enter], .confirm: [.char("K")], .reason: [.char("K"), .char("e")],
            .input: [.char("/")], .fingerprints: [.char("3"), .char("f")],
        ]
        for (kind, opener) in openers {
            for binding in KeyBindings.all where !binding.keys.isEmpty && binding.applies(in: .overlay(kind)) {
                for key in binding.keys {
                    var state = Self.state(focus: .toggles)
                    for k in opener { F.press(&state, k) }
                    #expect(state.overlay.kind == kind, "could not open \(kind)")
                    if kind == .input || kind == .reason { F.type(&state, "ab") }
                    if kind == .help || kind == .detail { F.press(&state, .char("j"), .char("j")) }
                    if kind == .fingerprints { for _ in 0..<10 { F.press(&state, .char("j")) } }
                    let before = state
                    let effects = F.press(&state, key)
                    #expect(state != before || !effects.isEmpty, "\(key.label) in \(kind) did nothing")
                }
            }
        }
    }
}
