import FlagtopCore
import FlagtopDashboard
import FlagtopUI
import Foundation
import RedisClient

/// The dashboard's real refresh (`RefreshCoordinator`, what the poller thread runs), warmed up until it knows
/// every toggle, session key and log list, as a dashboard that has been open for a while does.
struct DashboardRefresh {
    let settings: FlagtopSettings
    var state: RefreshCoordinator
    /// 200 visible sessions, 250 log lists: the dashboard's defaults.
    let control = PollControl()
    /// The last refresh's snapshot.
    var last: DashboardData?
    /// Whether the last refresh had Redis's change tracking.
    var tracking = false

    init(togglePrefix: String, toggleCount: Int, changeTracking: Bool = true, tls: Bool = false) {
        settings = BenchEnvironment.settings(togglePrefix: togglePrefix, tls: tls)
        state = RefreshCoordinator(settings: settings, clock: SystemClock(), changeTracking: changeTracking)
        // Discovery and the session scan advance a few SCAN steps per refresh; run refreshes until both are done.
        for _ in 0..<100_000 {
            guard let r = state.refresh(control: control).data else { continue }
            if r.toggles.count >= toggleCount, !r.logs.isEmpty, r.sessionCount > 0, state.sessionPassComplete, r.errors != nil { break }
        }
        let outcome = state.refresh(control: control)
        last = outcome.data
        tracking = outcome.changeTracking
        precondition(last?.toggles.count == toggleCount, "refresh saw \(last?.toggles.count ?? -1) toggles, expected \(toggleCount)")
    }

    /// Pipelined round trips the last refresh made on the poller connection.
    var roundTrips: Int { state.pipelineCallsForTesting }
    var commands: Int { state.pipelineCommandsForTesting }

    @discardableResult
    mutating func refresh() -> RefreshOutcome {
        let r = state.refresh(control: control)
        last = r.data
        tracking = r.changeTracking
        return r
    }
}
