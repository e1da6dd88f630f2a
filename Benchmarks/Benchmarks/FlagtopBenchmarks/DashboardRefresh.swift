import FlagtopCore
import FlagtopDashboard
import Foundation
import RedisClient

/// The dashboard's real refresh (`PollerState`, the poller thread's state), warmed up until it knows every
/// toggle, session key and log list, as a dashboard that has been open for a while does.
struct DashboardRefresh {
    let settings: FlagtopSettings
    var state: PollerState
    let control = PollControl()
    var visibleSessions = 200
    var maxLogLists = 250
    /// The last refresh's result.
    var last: PollResult?

    init(togglePrefix: String, toggleCount: Int, changeTracking: Bool = true, tls: Bool = false) {
        settings = BenchEnvironment.settings(togglePrefix: togglePrefix, tls: tls)
        state = PollerState(settings: settings, changeTracking: changeTracking)
        // Discovery and the session scan advance a few SCAN steps per refresh; run refreshes until both are done.
        for _ in 0..<100_000 {
            let r = state.refresh(control: control, visibleSessions: visibleSessions, maxLogLists: maxLogLists)
            if r.toggles.count >= toggleCount, !r.logs.isEmpty, r.sessionCount > 0, state.sessionPassComplete, r.errors != nil { break }
        }
        last = state.refresh(control: control, visibleSessions: visibleSessions, maxLogLists: maxLogLists)
        precondition(last?.toggles.count == toggleCount, "refresh saw \(last?.toggles.count ?? -1) toggles, expected \(toggleCount)")
    }

    /// Pipelined round trips the last refresh made on the poller connection.
    var roundTrips: Int { state.pipelineCallsForTesting }
    var commands: Int { state.pipelineCommandsForTesting }

    @discardableResult
    mutating func refresh() -> PollResult {
        let r = state.refresh(control: control, visibleSessions: visibleSessions, maxLogLists: maxLogLists)
        last = r
        return r
    }
}
