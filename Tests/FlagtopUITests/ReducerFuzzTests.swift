import FlagtopTestSupport
import FlagtopCore
import Testing
@testable import FlagtopUI

@Suite struct ReducerFuzzTests {
    static let keyPool: [Key] = [
        .char("K"), .char("R"), .char("y"), .char("e"), .char("n"), .char("q"), .char("/"), .char("f"), .char("s"),
        .char("F"), .char("p"), .char("r"), .char("+"), .char("-"), .char("t"), .char("?"), .char("j"), .char("k"),
        .char("g"), .char("G"), .char("1"), .char("2"), .char("3"), .char("4"), .char("x"), .char("漢"), .char("\u{1b}"),
        .char("\u{7}"), .char("\u{3}"), .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .tab, .backTab,
        .enter, .escape, .backspace, .delete, .ctrl("u"), .ctrl("c"), .function(1), .function(5), .resize(width: 90, height: 30),
    ]

    /// Keys around the confirm box, drawn more often so the write path is exercised.
    static let hotKeys: [Key] = [.char("K"), .char("R"), .char("y"), .char("e"), .char("1"), .char("j"), .tab, .enter, .escape, .char("y")]

    /// 10,000 random keys (and some runtime events): never a crash, and every kill/restore comes
    /// right after `y` in a showing confirm box, for that box's toggle and reason, with writes on.
    @Test(arguments: [UInt64(1), 42, 2026])
    func randomKeysNeverWriteWithoutConfirmation(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var state = Fixtures.state(width: 120, height: 40)
        var writes = 0
        var quits = 0
        for step in 0..<10_000 {
            let before = state
            let event: DashboardEvent
            switch Int.random(in: 0..<100, using: &rng) {
            case 0: event = .resized(width: Int.random(in: 0...200, using: &rng), height: Int.random(in: 0...60, using: &rng))
            case 1:
                event = Bool.random(using: &rng)
                    ? .dataArrived([Fixtures.normalData, Fixtures.hostileData].randomElement(using: &rng)!)
                    : .writeAccessChanged([.allowed, Fixtures.hostileAccess].randomElement(using: &rng)!)
            case 2: event = .tick(now: state.now + Double.random(in: 0...10, using: &rng))
            case 3: event = .connectionChanged([.connected, .connecting, .disconnected(reason: "refused", retryIn: 2)].randomElement(using: &rng)!)
            case 4:
                let pending = state.pendingWrite ?? PendingWrite(action: .kill, toggle: "useNewAlgorithm")
                event = .writeFinished(pending.action, toggle: pending.toggle, result: Bool.random(using: &rng) ? .success("") : .failure(WriteFailure("boom")))
            case 5: event = Bool.random(using: &rng) ? .resized(width: 120, height: 40) : .showMessage(Fixtures.hostile(step), isError: true)
            case 6..<45: event = .key(Self.hotKeys.randomElement(using: &rng)!)
            default: event = .key(Self.keyPool.randomElement(using: &rng)!)
            }
            let effects = DashboardReducer.reduce(&state, event)
            for effect in effects {
                switch effect {
                case .write(let action, let toggle, let reason):
                    writes += 1
                    guard case .confirm(let box) = before.overlay, case .key(let key) = event else {
                        Issue.record("step \(step): write \(effect) without a confirm box")
                        continue
                    }
                    #expect(key.normalized == .char("y"), "step \(step)")
                    #expect(!box.editingReason, "step \(step)")
                    #expect(box.toggle == toggle && box.reason.trimmingSpaces == reason, "step \(step)")
                    #expect(before.writeDisabledReason == nil && before.pendingWrite == nil, "step \(step)")
                    #expect(!before.isTooSmall, "step \(step)")
                    #expect(box.action == action, "step \(step)")
                case .quit:
                    quits += 1
                default:
                    break
                }
            }
            #expect(effects.filter { if case .write = $0 { true } else { false } }.count <= 1)
            if step % 97 == 0 {
                let grid = DashboardRenderer.render(state)
                #expect(grid.width == state.width && grid.height == state.height)
            }
        }
        // The run must actually have exercised both paths, or it proves nothing.
        #expect(writes >= 5, "only \(writes) writes")
        #expect(quits > 0)
    }
}
