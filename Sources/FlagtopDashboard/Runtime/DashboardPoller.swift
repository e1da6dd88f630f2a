import FlagtopCore
import Foundation
import RedisClient

/// Polls Redis for the dashboard on its own thread with its own connection: every refresh is ONE pipelined
/// round trip (toggles, one SCAN step of sessions plus the visible sessions, per-toggle error counts, the
/// current error query and the recent logs). Slow work that needs several round trips — toggle discovery,
/// listing log names, the no-module search — runs on a second, background connection, at its own pace.
public final class DashboardPoller: @unchecked Sendable {
    public let settings: FlagtopSettings
    public let control: Locked<PollControl>
    private let onResult: @Sendable (PollResult) -> Void
    private let wake = NSCondition()
    /// How many sessions are read each refresh (the pane shows a window of them).
    public var visibleSessions = 200
    /// How many log lists are read each refresh.
    public var maxLogLists = 250

    public init(settings: FlagtopSettings, control: PollControl = PollControl(), onResult: @escaping @Sendable (PollResult) -> Void) {
        self.settings = settings
        self.control = Locked(control)
        self.onResult = onResult
    }

    public func start() {
        WorkerThread.start(name: "flagtop-poller") { [self] in run() }
    }

    /// Wakes the poller now (after a control change).
    public func poke() {
        wake.lock()
        wake.signal()
        wake.unlock()
    }

    public func stop() {
        control.update { $0.stopped = true }
        poke()
    }

    // MARK: - The poller thread

    private func run() {
        var state = PollerState(settings: settings)
        var lastGeneration = -1
        var nextDue = Date()
        while true {
            let c = control.get()
            if c.stopped { return }
            let forced = c.refreshGeneration != lastGeneration
            if forced || (!c.paused && Date() >= nextDue) {
                lastGeneration = c.refreshGeneration
                let result = state.refresh(control: c, visibleSessions: visibleSessions, maxLogLists: maxLogLists)
                onResult(result)
                var delay = c.interval
                if case let .disconnected(_, retryIn) = result.connection { delay = min(max(retryIn, 0.05), c.interval) }
                nextDue = Date().addingTimeInterval(delay)
            }
            wake.lock()
            let c2 = control.get()
            if !c2.stopped && c2.refreshGeneration == lastGeneration {
                let until = c2.paused ? Date().addingTimeInterval(0.5) : min(nextDue, Date().addingTimeInterval(0.5))
                wake.wait(until: until)
            }
            wake.unlock()
        }
    }
}
