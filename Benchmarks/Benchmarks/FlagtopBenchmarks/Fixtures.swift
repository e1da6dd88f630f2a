import FlagtopCore
import FlagtopDashboard
import FlagtopUI
import Foundation
import RedisClient

/// Lazily built per-process state the benchmarks share (built during the warm-up iteration, not measured).
final class Fixtures: @unchecked Sendable {
    static let shared = Fixtures()

    lazy var refreshers: [Int: DashboardRefresh] = [:]
    lazy var ping = BenchEnvironment.connection(name: "bench-ping")
    lazy var cachedClient: FlagtopClient = {
        let client = FlagtopClient(settings: BenchEnvironment.settings(), cacheTTL: 3600)
        _ = try? client.decide("useNewAlgorithm", session: "bench-session")
        return client
    }()
    lazy var uncachedClient = FlagtopClient(settings: BenchEnvironment.settings(), cacheTTL: 0)
    lazy var writer = FlagtopClient(settings: BenchEnvironment.settings(db: 4), cacheTTL: 0)
    lazy var streamWriter: RecentLogWriter = writer.logWriter()
    /// RediSearch 1.x indexes live in db 0 only, so reportError gets its own index there, apart from the dashboard's.
    lazy var reporter: FlagtopClient = {
        var settings = BenchEnvironment.settings()
        settings.indexName = "bench_report_idx"
        return FlagtopClient(settings: settings, cacheTTL: 0)
    }()
    lazy var writerConnection = BenchEnvironment.connection(name: "bench-writer", db: 4)
    lazy var renderState: DashboardState = Self.makeRenderState(refresher: refresher(1000))

    lazy var fullRefreshers: [Int: DashboardRefresh] = [:]

    func fullRefresher(_ toggles: Int) -> DashboardRefresh {
        if let r = fullRefreshers[toggles] { return r }
        let r = DashboardRefresh(togglePrefix: "t\(toggles):", toggleCount: toggles, changeTracking: false)
        fullRefreshers[toggles] = r
        return r
    }

    func refresher(_ toggles: Int) -> DashboardRefresh {
        if let r = refreshers[toggles] { return r }
        let r = DashboardRefresh(togglePrefix: "t\(toggles):", toggleCount: toggles)
        refreshers[toggles] = r
        return r
    }

    /// A 200×60 connected dashboard showing one real refresh at 1,000 toggles.
    static func makeRenderState(refresher: DashboardRefresh) -> DashboardState {
        var data = refresher.last!
        data.server = "127.0.0.1:6399/0"
        data.roundTripMillis = 1
        data.fetchedAt = 100
        var state = DashboardState(width: 200, height: 60, interval: 1, now: 100)
        _ = DashboardReducer.reduce(&state, .connectionChanged(.connected))
        _ = DashboardReducer.reduce(&state, .dataArrived(data))
        _ = DashboardReducer.reduce(&state, .tick(now: 101))
        return state
    }
}
