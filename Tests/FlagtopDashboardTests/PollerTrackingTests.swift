@testable import FlagtopDashboard
import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The poller re-reads only what Redis says changed (CLIENT TRACKING into a sink connection), and is still
/// right when tracking is impossible or lost.
@Suite struct PollerTrackingTests {
    func settings(_ server: TestServer, endpoint: RedisEndpoint? = nil) -> FlagtopSettings {
        FlagtopSettings(endpoint: endpoint ?? server.endpoint, actor: "test@host", timeout: 1)
    }

    func load(_ server: TestServer, toggles: Int) throws -> RedisConnection {
        let connection = try server.connection()
        var commands: [RedisCommand] = []
        for i in 0..<toggles {
            commands.append(RedisCommand("HSET", "toggle\(i)", "toggle", "True"))
            commands.append(RedisCommand("SADD", FlagtopSettings.registryKey, "toggle\(i)"))
        }
        commands.append(RedisCommand("HSET", "session:a", "name", "Ada", "authType", "anonymous"))
        commands.append(RedisCommand("EXPIRE", "session:a", 600))
        commands.append(RedisCommand("RPUSH", "recent:svc:info", "Sat Nov 21 19:13:45 2026 first"))
        _ = try connection.pipeline(commands)
        return connection
    }

    /// Refreshes until `done` holds (invalidations travel on another socket), at most 2 s.
    func refresh(_ state: inout RefreshCoordinator, until done: (RefreshOutcome) -> Bool) -> RefreshOutcome? {
        for _ in 0..<100 {
            let result = state.refresh(control: PollControl())
            if done(result) { return result }
            usleep(20_000)
        }
        return nil
    }

    func toggle(_ result: RefreshOutcome, _ name: String) -> Toggle? { result.toggles.first { $0.name == name } }

    @Test func aChangedToggleIsReadAloneAndShown() throws {
        let server = try TestServer()
        let connection = try load(server, toggles: 50)
        var state = RefreshCoordinator(settings: settings(server))
        _ = state.refresh(control: PollControl())
        let first = try #require(refresh(&state) { $0.toggles.count == 50 && !$0.logs.isEmpty })
        #expect(first.changeTracking)
        let quiet = state.refresh(control: PollControl())
        #expect(quiet.toggles.count == 50)
        let unchangedCommands = state.pipelineCommandsForTesting

        let before = try PollerTests.calls("hgetall", on: connection)
        _ = try connection.send("HSET", "toggle7", "toggle", "False")
        let seen = try #require(refresh(&state) { toggle($0, "toggle7")?.enabled == false })
        let after = try PollerTests.calls("hgetall", on: connection)
        #expect(after - before == 1, "only toggle7 is read again")
        #expect(seen.toggles.count == 50)
        #expect(toggle(seen, "toggle8")?.enabled == true)
        #expect(unchangedCommands <= 3, "an unchanged refresh sends only the session SCAN step and little else: \(unchangedCommands)")
    }

    @Test func logsSessionsAndNewTogglesFollowChanges() throws {
        let server = try TestServer()
        let connection = try load(server, toggles: 3)
        var state = RefreshCoordinator(settings: settings(server))
        _ = try #require(refresh(&state) { $0.sessions.count == 1 && !$0.logs.isEmpty })

        _ = try connection.send("LPUSH", "recent:svc:info", "Sat Nov 21 19:13:46 2026 second")
        let logs = try #require(refresh(&state) { $0.logs.last?.message == "second" })
        #expect(logs.logs.map(\.message) == ["first", "second"])

        _ = try connection.send("HSET", "session:a", "name", "Ada Lovelace")
        _ = try #require(refresh(&state) { $0.sessions.first?.fields[field: "name"] == "Ada Lovelace" })

        _ = try connection.pipeline([RedisCommand("HSET", "toggle99", "toggle", "False"), RedisCommand("SADD", FlagtopSettings.registryKey, "toggle99")])
        let added = try #require(refresh(&state) { toggle($0, "toggle99") != nil })
        #expect(added.toggles.count == 4)

        _ = try connection.send("DEL", "toggle0")
        let removed = try #require(refresh(&state) { toggle($0, "toggle0") == nil })
        #expect(removed.toggles.count == 3)
    }

    @Test func sessionTTLCountsDownWithoutReadingAgain() throws {
        let server = try TestServer()
        let connection = try load(server, toggles: 1)
        var state = RefreshCoordinator(settings: settings(server))
        let first = try #require(refresh(&state) { $0.sessions.first?.ttl != nil && $0.changeTracking })
        let ttl = try #require(first.sessions.first?.ttl)
        let before = try PollerTests.calls("hgetall", on: connection)
        usleep(2_100_000)
        let later = state.refresh(control: PollControl())
        #expect(try PollerTests.calls("hgetall", on: connection) == before)
        let shown = try #require(later.sessions.first?.ttl)
        #expect(shown <= ttl - 2 && shown >= ttl - 3)
    }

    @Test func aFlushEmptiesTheScreen() throws {
        let server = try TestServer()
        let connection = try load(server, toggles: 5)
        var state = RefreshCoordinator(settings: settings(server))
        _ = try #require(refresh(&state) { $0.toggles.count == 5 && $0.changeTracking })
        _ = try connection.send("FLUSHALL")
        let flushed = try #require(refresh(&state) { $0.toggles.isEmpty })
        #expect(flushed.logs.isEmpty)
        #expect(flushed.sessions.isEmpty)
    }

    @Test func aKilledSinkMeansReadingEverythingThenTrackingAgain() throws {
        let server = try TestServer()
        let connection = try load(server, toggles: 5)
        var state = RefreshCoordinator(settings: settings(server))
        _ = try #require(refresh(&state) { $0.toggles.count == 5 && $0.changeTracking })
        let clients = try connection.send("CLIENT", "LIST").string ?? ""
        let sinkLine = try #require(clients.split(separator: "\n").first { $0.contains("name=flagtop-tracking") })
        let id = try #require(sinkLine.split(separator: " ").first { $0.hasPrefix("id=") }.map { String($0.dropFirst(3)) })
        // The change happens while no sink listens: its invalidation is lost, so only a full read can show it.
        _ = try connection.send("CLIENT", "KILL", "ID", id)
        _ = try connection.send("HSET", "toggle3", "toggle", "False")
        let seen = try #require(refresh(&state) { toggle($0, "toggle3")?.enabled == false })
        #expect(seen.toggles.count == 5)
        _ = try #require(refresh(&state) { $0.changeTracking })
    }

    @Test func withoutTheInvalidationChannelEveryRefreshReadsEverything() throws {
        let server = try TestServer()
        let connection = try load(server, toggles: 20)
        _ = try connection.send("ACL", "SETUSER", "nochan", "on", ">pw", "~*", "resetchannels", "+@all")
        var endpoint = server.endpoint
        endpoint.username = "nochan"
        endpoint.password = "pw"
        var state = RefreshCoordinator(settings: settings(server, endpoint: endpoint))
        _ = state.refresh(control: PollControl())
        let result = state.refresh(control: PollControl())
        #expect(result.reachedServer)
        #expect(!result.changeTracking)
        #expect(result.toggles.count == 20)
        let before = try PollerTests.calls("hgetall", on: connection)
        _ = try connection.send("HSET", "toggle4", "toggle", "False")
        let next = state.refresh(control: PollControl())
        #expect(toggle(next, "toggle4")?.enabled == false)
        #expect(try PollerTests.calls("hgetall", on: connection) - before >= 20)
        #expect(state.feed.problem?.contains("NOPERM") == true || state.feed.problem?.lowercased().contains("permission") == true,
                "\(state.feed.problem ?? "no problem recorded")")
    }

    @Test func newAndDeletedSessionsShowWithoutWaitingForTheScan() throws {
        let server = try TestServer()
        let connection = try load(server, toggles: 1)
        // Enough keys that one SCAN pass takes several refreshes.
        _ = try connection.pipeline((0..<5_000).map { RedisCommand("HSET", "session:m\($0)", "name", "filler") })
        var state = RefreshCoordinator(settings: settings(server))
        var ready = false
        for _ in 0..<200 where !ready {
            _ = state.refresh(control: PollControl())
            ready = state.sessionPassComplete && state.feed.isBroadcasting
        }
        #expect(ready)
        let known = state.refresh(control: PollControl()).sessionCount
        #expect(known == 5_001)
        var scans = try PollerTests.calls("scan", on: connection)
        _ = try connection.send("HSET", "session:0-newcomer", "name", "Newcomer")
        let arrived = try #require(refresh(&state) { $0.sessions.first?.id == "0-newcomer" })
        #expect(arrived.sessionCount == 5_002)
        _ = try connection.send("DEL", "session:m4999")
        let left = try #require(refresh(&state) { $0.sessionCount == 5_001 })
        #expect(left.sessions.first?.id == "0-newcomer")
        // Meanwhile the scan only reconciles now and then.
        scans = try PollerTests.calls("scan", on: connection) - scans
        #expect(scans <= 2, "\(scans) SCAN calls")
    }

    @Test func aQuietRefreshStillNoticesAnUnresponsiveServer() throws {
        let server = try TestServer()
        let connection = try load(server, toggles: 3)
        var state = RefreshCoordinator(settings: settings(server))
        for _ in 0..<100 where !(state.sessionPassComplete && state.feed.isBroadcasting) {
            _ = state.refresh(control: PollControl())
        }
        // Nothing changed, so nothing needs reading; the refresh must still reach the server.
        _ = state.refresh(control: PollControl())
        #expect(state.pipelineCommandsForTesting >= 1)
        _ = try connection.send("CLIENT", "PAUSE", 2500, "ALL")
        let paused = state.refresh(control: PollControl())
        #expect(!paused.reachedServer, "a paused server must show as unreachable, not as fresh data")
    }

    @Test func newErrorsUpdateCountsAndTheErrorList() throws {
        let server = try TestServer()
        _ = try load(server, toggles: 3)
        var state = RefreshCoordinator(settings: settings(server))
        let client = FlagtopClient(settings: settings(server))
        try client.reportError(toggle: "toggle1", exception: "ValueError: first", session: "a")
        let first = try #require(refresh(&state) { $0.errorCounts["toggle1"]?.count == 1 && $0.errors?.total == 1 })
        #expect(first.errorCounts["toggle0"]?.count == 0)
        _ = state.refresh(control: PollControl())  // quiet: counts kept
        try client.reportError(toggle: "toggle1", exception: "ValueError: second", session: "a")
        let second = try #require(refresh(&state) { $0.errorCounts["toggle1"]?.count == 2 })
        #expect(second.errors?.total == 2, "a new error re-runs the search at once, not after errorSearchMaxAge")
        #expect(second.errorCounts.count == 3)
    }

    @Test func aReconnectedBroadcasterRestartsAloneWithoutAFullRead() throws {
        let server = try TestServer()
        let connection = try load(server, toggles: 20)
        var state = RefreshCoordinator(settings: settings(server))
        for _ in 0..<100 where !(state.sessionPassComplete && state.feed.isBroadcasting) {
            _ = state.refresh(control: PollControl())
        }
        _ = try #require(refresh(&state) { $0.toggles.count == 20 })
        // The background connection drops and comes back (its next command reconnects it).
        state.background.close()
        _ = try state.background.send("PING")
        let before = try PollerTests.calls("hgetall", on: connection)
        _ = state.refresh(control: PollControl())
        #expect(try PollerTests.calls("hgetall", on: connection) == before, "toggles stay cached")
        #expect(state.feed.isBroadcasting)
        _ = try connection.send("HSET", "session:0-after", "name", "After")
        _ = try #require(refresh(&state) { $0.sessions.first?.id == "0-after" })
    }
}
