@testable import FlagtopDashboard
import FlagtopCore
import FlagtopTestSupport
import FlagtopUI
import Foundation
import Testing

/// What the coordinator does beyond one round trip: the periodic full re-read that covers what tracking never
/// reports, failures kept per pane, and time taken from the clock it is given.
@Suite struct RefreshCoordinatorTests {
    func settings(_ server: TestServer, endpoint: RedisEndpoint? = nil) -> FlagtopSettings {
        FlagtopSettings(endpoint: endpoint ?? server.endpoint, actor: "test@host", timeout: 1)
    }

    func names(_ outcome: RefreshOutcome) -> [String] { outcome.toggles.map(\.name) }

    /// Refreshes until `done` holds (invalidations travel on another socket), at most 2 s.
    func refresh(_ coordinator: inout RefreshCoordinator, until done: (RefreshOutcome) -> Bool) -> RefreshOutcome? {
        for _ in 0..<100 {
            let outcome = coordinator.refresh(control: PollControl())
            if done(outcome) { return outcome }
            usleep(20_000)
        }
        return nil
    }

    /// SWAPDB changes every key of the database without one invalidation: within `fullReadEvery` (30 s) of
    /// the swap the dashboard shows the other database's toggles, logs and sessions.
    @Test func swapdbUnderARunningPollerShowsTheOtherDatabaseWithinTheBound() throws {
        let server = try TestServer()
        let db0 = try server.connection()
        _ = try db0.pipeline([
            RedisCommand("HSET", "alpha", "toggle", "True"), RedisCommand("SADD", FlagtopSettings.registryKey, "alpha"),
            RedisCommand("RPUSH", "recent:svc:info", "Sat Nov 21 19:13:45 2026 from db0"),
        ])
        _ = try db0.pipeline([
            RedisCommand("SELECT", 1),
            RedisCommand("HSET", "beta", "toggle", "False"), RedisCommand("SADD", FlagtopSettings.registryKey, "beta"),
            RedisCommand("RPUSH", "recent:svc:info", "Sat Nov 21 19:13:46 2026 from db1"),
            RedisCommand("SELECT", 0),
        ])
        let clock = ManualClock()
        var coordinator = RefreshCoordinator(settings: settings(server), clock: clock)
        let before = try #require(refresh(&coordinator) { names($0) == ["alpha"] && $0.logs.last?.message == "from db0" })
        #expect(before.changeTracking)

        _ = try db0.send("SWAPDB", 0, 1)
        // Tracking says nothing: nothing is read again before the bound.
        clock.advance(by: coordinator.fullReadEvery - 1)
        _ = coordinator.refresh(control: PollControl())
        #expect(names(coordinator.refresh(control: PollControl())) == ["alpha"], "nothing reported the swap")

        clock.advance(by: 1)
        let after = try #require(refresh(&coordinator) { names($0) == ["beta"] && $0.logs.last?.message == "from db1" })
        #expect(after.toggles.first?.enabled == false)
        #expect(coordinator.fullReadEvery <= 30)
        // The full re-read is one round trip like every other.
        #expect(coordinator.pipelineCallsForTesting == 1)
    }

    /// A read that fails keeps the pane's last data and says why; the other panes carry on.
    @Test func aFailedReadKeepsThePanesDataAndSaysWhy() throws {
        let server = try TestServer()
        let admin = try server.connection()
        _ = try admin.pipeline([
            RedisCommand("ACL", "SETUSER", "ops", "on", ">pw", "~*", "&*", "+@all"),
            RedisCommand("HSET", "alpha", "toggle", "True"), RedisCommand("SADD", FlagtopSettings.registryKey, "alpha"),
            RedisCommand("RPUSH", "recent:svc:info", "Sat Nov 21 19:13:45 2026 first"),
        ])
        var endpoint = server.endpoint
        endpoint.username = "ops"
        endpoint.password = "pw"
        var coordinator = RefreshCoordinator(settings: settings(server, endpoint: endpoint), clock: ManualClock())
        _ = try #require(refresh(&coordinator) { $0.logs.last?.message == "first" && !$0.toggles.isEmpty })

        _ = try admin.send("ACL", "SETUSER", "ops", "-lrange")
        _ = try admin.send("LPUSH", "recent:svc:info", "Sat Nov 21 19:13:46 2026 second")
        _ = try admin.send("HSET", "alpha", "toggle", "False")
        let failed = try #require(refresh(&coordinator) { $0.data?.problems[.logs] != nil })
        #expect(failed.data?.problems[.logs]?.contains("NOPERM") == true || failed.data?.problems[.logs]?.lowercased().contains("permission") == true,
                "\(failed.data?.problems[.logs] ?? "")")
        #expect(failed.logs.map(\.message) == ["first"], "the last data stays")
        #expect(failed.data?.problems[.toggles] == nil)
        _ = try #require(refresh(&coordinator) { $0.toggles.first?.enabled == false }, "the other panes carry on")

        _ = try admin.send("ACL", "SETUSER", "ops", "+lrange")
        _ = try admin.send("LPUSH", "recent:svc:info", "Sat Nov 21 19:13:47 2026 third")
        let recovered = try #require(refresh(&coordinator) { $0.logs.last?.message == "third" })
        #expect(recovered.data?.problems[.logs] == nil)
    }

    /// Session TTLs count down on the clock given, without reading the session again.
    @Test func sessionTTLCountsDownOnTheGivenClock() throws {
        let server = try TestServer()
        let connection = try server.connection()
        _ = try connection.pipeline([RedisCommand("HSET", "session:a", "name", "Ada"), RedisCommand("EXPIRE", "session:a", 600)])
        let clock = ManualClock()
        var coordinator = RefreshCoordinator(settings: settings(server), clock: clock)
        let first = try #require(refresh(&coordinator) { $0.sessions.first?.ttl != nil && $0.changeTracking })
        let ttl = try #require(first.sessions.first?.ttl)
        let before = try PollerTests.calls("hgetall", on: connection)
        clock.advance(by: 5)
        let later = coordinator.refresh(control: PollControl())
        #expect(try PollerTests.calls("hgetall", on: connection) == before)
        #expect(later.sessions.first?.ttl == ttl - 5)
        #expect(later.data?.fetchedAt == clock.now, "fetchedAt is the given clock's time")
    }
}

/// The poller's wait between refreshes.
@Suite struct RefreshDelayTests {
    @Test func theIntervalWhileConnectedTheBackoffWhileAwayNeverABusyLoop() {
        let up = RefreshOutcome(connection: .connected, data: DashboardData(server: "s", fetchedAt: 0), changeTracking: true)
        #expect(RefreshCoordinator.delay(after: up, interval: 2) == 2)
        let down = RefreshOutcome(connection: .disconnected(reason: "refused", retryIn: 0.4), data: nil, changeTracking: false)
        #expect(RefreshCoordinator.delay(after: down, interval: 2) == 0.4)
        #expect(RefreshCoordinator.delay(after: down, interval: 0.25) == 0.25)
        let now = RefreshOutcome(connection: .disconnected(reason: "refused", retryIn: 0), data: nil, changeTracking: false)
        #expect(RefreshCoordinator.delay(after: now, interval: 1) == 0.05)
    }
}
