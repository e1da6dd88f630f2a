import FlagtopCore
import FlagtopTestSupport
import Testing
@testable import FlagtopUI

/// The UI loop draws only when `RedrawPolicy` says the screen can change: it must never skip a
/// frame that would look different, and must skip the clock ticks that change nothing shown.
@Suite struct RedrawPolicyTests {
    typealias F = Fixtures

    @Test func anUnchangedStateNeedsNoRedrawAndRendersTheSameGrid() {
        let state = F.state(width: 120, height: 40)
        let copy = state
        #expect(DashboardRenderer.render(state) == DashboardRenderer.render(copy))
        #expect(!RedrawPolicy.needsRedraw(from: state, to: copy))
        #expect(RedrawPolicy.needsRedraw(from: nil, to: state))
    }

    @Test func ticksWithinTheSameSecondOfAgeDoNotRedraw() {
        var state = F.state(width: 120, height: 40)  // now = fetchedAt + 1: "age 1s"
        let drawn = state
        var redraws = 0
        for step in 1...19 {  // 50 ms wake-ups up to fetchedAt + 1.95
            _ = DashboardReducer.reduce(&state, .tick(now: F.fetchedAt + 1 + Double(step) * 0.05))
            if RedrawPolicy.needsRedraw(from: drawn, to: state) { redraws += 1 }
        }
        #expect(redraws == 0)
        #expect(DashboardRenderer.render(drawn) == DashboardRenderer.render(state))
        _ = DashboardReducer.reduce(&state, .tick(now: F.fetchedAt + 2.01))
        #expect(RedrawPolicy.needsRedraw(from: drawn, to: state))
        #expect(DashboardRenderer.render(drawn).lines[0] != DashboardRenderer.render(state).lines[0])
    }

    @Test func theReconnectCountdownRedrawsOncePerSecond() {
        var state = F.state(width: 120, height: 40)
        _ = DashboardReducer.reduce(&state, .connectionChanged(.disconnected(reason: "Connection refused", retryIn: 5)))
        var drawn = state
        var redraws = 0
        for step in 1...60 {  // three seconds of 50 ms ticks
            _ = DashboardReducer.reduce(&state, .tick(now: F.fetchedAt + 1 + Double(step) * 0.05))
            if RedrawPolicy.needsRedraw(from: drawn, to: state) {
                redraws += 1
                drawn = state
            }
        }
        // The countdown and the age each change once a second (their seconds need not line up).
        #expect(redraws >= 3 && redraws <= 6, "\(redraws) redraws")
    }

    @Test func anyOtherChangeRedraws() {
        let state = F.state(width: 120, height: 40)
        var moved = state
        F.press(&moved, .char("j"))
        #expect(RedrawPolicy.needsRedraw(from: state, to: moved))
        var resized = state
        _ = DashboardReducer.reduce(&resized, .resized(width: 121, height: 40))
        #expect(RedrawPolicy.needsRedraw(from: state, to: resized))
        var refreshed = state
        var data = F.normalData
        data.roundTripMillis = 7
        _ = DashboardReducer.reduce(&refreshed, .dataArrived(data))
        #expect(RedrawPolicy.needsRedraw(from: state, to: refreshed))
    }

    /// Whenever the policy skips a frame, the skipped frame is identical to the one on screen.
    @Test func skippedFramesAreIdenticalToTheDrawnOne() {
        var rng = SeededGenerator(seed: 0x5EED_0F_F12A)
        for round in 0..<40 {
            var state = F.state(width: [80, 120, 40][round % 3], height: [24, 40, 10][round % 3])
            var drawn = state
            var now = F.fetchedAt + 1
            for _ in 0..<60 {
                now += Double.random(in: 0...0.7, using: &rng)
                switch Int.random(in: 0..<12, using: &rng) {
                case 0: _ = DashboardReducer.reduce(&state, .connectionChanged(.disconnected(reason: "down", retryIn: Double.random(in: 0...6, using: &rng))))
                case 1: _ = DashboardReducer.reduce(&state, .connectionChanged(.connected))
                case 2: F.press(&state, [Key.char("j"), .char("k"), .tab, .char("p")].randomElement(using: &rng)!)
                case 3:
                    var data = F.normalData
                    data.fetchedAt = now - Double.random(in: 0...3, using: &rng)
                    _ = DashboardReducer.reduce(&state, .dataArrived(data))
                default: break
                }
                _ = DashboardReducer.reduce(&state, .tick(now: now))
                if RedrawPolicy.needsRedraw(from: drawn, to: state) {
                    drawn = state
                } else {
                    #expect(DashboardRenderer.render(drawn) == DashboardRenderer.render(state), "round \(round) at \(now)")
                }
            }
        }
    }
}
