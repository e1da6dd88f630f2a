import Dispatch
import FlagtopCore
import FlagtopUI
import Synchronization

/// Runs `RefreshCoordinator` on its own thread with its own connections, at the interval the UI asks for
/// (`PollControl`), sooner after "refresh now", and at the reconnect backoff while Redis is away.
public final class DashboardPoller: Sendable {
    public let settings: FlagtopSettings
    private let clock: any DashboardClock
    private let control: Mutex<PollControl>
    private let onOutcome: @Sendable (RefreshOutcome) -> Void
    /// Signalled by `poke()`; the thread waits on it between refreshes.
    private let wake = DispatchSemaphore(value: 0)

    public init(
        settings: FlagtopSettings, clock: any DashboardClock, control: PollControl = PollControl(),
        onOutcome: @escaping @Sendable (RefreshOutcome) -> Void
    ) {
        self.settings = settings
        self.clock = clock
        self.control = Mutex(control)
        self.onOutcome = onOutcome
    }

    public func start() {
        WorkerThread.start(name: "flagtop-poller") { [self] in run() }
    }

    /// Changes what the poller does and wakes it to act on it now.
    public func update(_ change: (inout PollControl) -> Void) {
        control.withLock { change(&$0) }
        wake.signal()
    }

    public func stop() { update { $0.stopped = true } }

    private func run() {
        var coordinator = RefreshCoordinator(settings: settings, clock: clock)
        var lastGeneration = -1
        var nextDue = clock.now
        while true {
            let c = control.withLock { $0 }
            if c.stopped { return }
            if c.refreshGeneration != lastGeneration || (!c.paused && clock.now >= nextDue) {
                lastGeneration = c.refreshGeneration
                let outcome = coordinator.refresh(control: c)
                onOutcome(outcome)
                nextDue = clock.now + RefreshCoordinator.delay(after: outcome, interval: c.interval)
            }
            // Wake at the next refresh, on a poke, or after half a second to look at the control again.
            let wait = c.paused ? 0.5 : min(max(0, nextDue - clock.now), 0.5)
            _ = wake.wait(timeout: .now() + wait)
        }
    }
}
