import Foundation
import Synchronization

/// The one clock the dashboard runtime reads: the poller's schedules (discovery, log scans, the periodic
/// full re-read), the data's `fetchedAt` and the UI's ticks. Passed in, so tests advance time instead of
/// sleeping.
public protocol DashboardClock: Sendable {
    /// Seconds on a monotonic clock: ages and schedules.
    var now: Double { get }
    /// Unix seconds: what data in Redis is stamped with (error times, session TTLs).
    var unixNow: Double { get }
}

/// The real clock: `now` counts from when it was made.
public struct SystemClock: DashboardClock {
    private let start = ProcessInfo.processInfo.systemUptime

    public init() {}

    public var now: Double { ProcessInfo.processInfo.systemUptime - start }
    public var unixNow: Double { Date().timeIntervalSince1970 }
}

/// A clock that moves only when told to (`advance(by:)`), for tests.
public final class ManualClock: DashboardClock {
    private let state: Mutex<(now: Double, unix: Double)>

    public init(now: Double = 0, unixNow: Double = Date().timeIntervalSince1970) {
        state = Mutex((now, unixNow))
    }

    public var now: Double { state.withLock { $0.now } }
    public var unixNow: Double { state.withLock { $0.unix } }

    public func advance(by seconds: Double) {
        state.withLock {
            $0.now += seconds
            $0.unix += seconds
        }
    }
}
