@testable import FlagtopUI
import Testing

/// The dashboard states the four outcomes of a kill the way Redis holds them: done, done but not completely,
/// not done (nothing changed), and unknown after a lost reply; plus a no-op restore that is not a failure.
@Suite struct WriteOutcomeReducerTests {
    typealias F = Fixtures

    func finish(_ result: Result<String, WriteFailure>) -> (DashboardState, [DashboardEffect]) {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("K"), .char("y"))
        let effects = DashboardReducer.reduce(&state, .writeFinished(.kill, toggle: "useNewAlgorithm", result: result))
        #expect(state.pendingWrite == nil)
        return (state, effects)
    }

    @Test func doneSaysKilledWithTheReplicas() {
        let (state, effects) = finish(.success("toggle is False; on 1 of 1 replicas"))
        #expect(effects == [.refreshNow])
        #expect(state.status == StatusMessage("killed useNewAlgorithm — toggle is False; on 1 of 1 replicas"))
    }

    @Test func donePartlySaysKilledButWhatIsMissing() {
        let (state, effects) = finish(.failure(WriteFailure("on the master only: no replica confirmed within 500 ms", kind: .donePartly)))
        #expect(effects == [.refreshNow])
        #expect(state.status?.isError == true)
        #expect(state.status?.text == "killed useNewAlgorithm, but on the master only: no replica confirmed within 500 ms")
    }

    @Test func notDoneSaysNothingChangedOnce() {
        let (state, effects) = finish(.failure(WriteFailure("denied by the Redis ACL: NOPERM …; nothing changed", kind: .notDone)))
        #expect(effects.isEmpty)
        #expect(state.status?.text == "kill useNewAlgorithm failed: denied by the Redis ACL: NOPERM …; nothing changed")
        let (plain, _) = finish(.failure(WriteFailure("connection refused")))
        #expect(plain.status?.text == "kill useNewAlgorithm failed: connection refused — nothing changed")
    }

    @Test func unknownNeverClaimsEitherWay() {
        let (state, effects) = finish(.failure(WriteFailure("the reply to the kill was lost and useNewAlgorithm could not be read back", kind: .unknown)))
        #expect(effects == [.refreshNow])
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("failed") == false && state.status?.text.contains("nothing changed") == false)
        #expect(state.status?.text.contains("killed") == false)
    }

    @Test func nothingToDoIsNotAnError() {
        let (state, effects) = finish(.failure(WriteFailure("useNewAlgorithm is already on; nothing to restore", kind: .nothingToDo)))
        #expect(effects.isEmpty)
        #expect(state.status == StatusMessage("useNewAlgorithm is already on; nothing to restore"))
    }
}
