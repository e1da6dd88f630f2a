@testable import FlagtopDashboard
import FlagtopCore
import FlagtopSimulator
import FlagtopTestSupport
import Foundation
import Testing

/// The poller against a real redis-server: what one refresh reads, and how it survives the server going away.
@Suite struct PollerTests {
    func settings(_ server: TestServer) -> FlagtopSettings {
        FlagtopSettings(endpoint: server.endpoint, actor: "test@host", timeout: 1)
    }

    @Test func refreshReadsSeedDataAndRedisCliToggles() throws {
        let server = try TestServer()
        let connection = try server.connection()
        try SeedData.load(into: connection, withSearch: server.searchLoaded)
        try RecentLogs().log(name: "checkout", message: "hello", severity: "warning", on: connection)
        var state = RefreshCoordinator(settings: settings(server))
        _ = state.refresh(control: PollControl())  // discovery and log names start
        let result = state.refresh(control: PollControl())
        #expect(result.reachedServer)
        #expect(result.toggles.map(\.name) == ["useNewAlgorithm"])
        #expect(result.sessions.map(\.id) == ["4156e021:1234"])
        #expect(result.errors?.total == 1)
        #expect(result.logs.last?.message == "hello")
        #expect(result.logs.last?.severity == "warning")
        #expect(result.data?.searchBackend == SearchBackendKind.rediSearch1(version: 10200).displayName)
    }

    @Test func refreshIsOnePipelinedRoundTripWhateverTheNumberOfToggles() throws {
        let server = try TestServer()
        let connection = try server.connection()
        var commands: [RedisCommand] = []
        for i in 0..<1000 {
            commands.append(RedisCommand("HSET", "toggle\(i)", "toggle", i % 2 == 0 ? "True" : "False"))
            commands.append(RedisCommand("SADD", FlagtopSettings.registryKey, "toggle\(i)"))
        }
        _ = try connection.pipeline(commands)
        var state = RefreshCoordinator(settings: settings(server))
        _ = state.refresh(control: PollControl())
        // The server counts the HGETALLs; the poller counts its pipeline calls: exactly one batch per refresh.
        let before = try Self.calls("hgetall", on: connection)
        let result = state.refresh(control: PollControl())
        let after = try Self.calls("hgetall", on: connection)
        #expect(result.toggles.count == 1000)
        #expect(state.connection.connectCount == 1)
        #expect(state.pipelineCallsForTesting == 1)
        if result.changeTracking {
            // Nothing changed since the first refresh read them: Redis said so, so none is read again.
            #expect(after - before == 0)
        } else {
            #expect(after - before >= 1000)
        }
    }

    static func calls(_ command: String, on connection: RedisConnection) throws -> Int {
        let stats = try connection.send("INFO", "commandstats").string ?? ""
        for line in stats.split(whereSeparator: { $0.isNewline }) where line.hasPrefix("cmdstat_\(command):calls=") {
            return Int(line.dropFirst("cmdstat_\(command):calls=".count).prefix(while: { $0.isNumber })) ?? 0
        }
        return 0
    }

    @Test func serverKilledShowsDisconnectedThenRecovers() throws {
        let server = try TestServer()
        try SeedData.load(into: try server.connection(), withSearch: server.searchLoaded)
        var state = RefreshCoordinator(settings: settings(server))
        #expect(state.refresh(control: PollControl()).reachedServer)
        server.process.crash()
        let down = state.refresh(control: PollControl())
        #expect(!down.reachedServer)
        guard case let .disconnected(reason, retryIn) = down.connection else { Issue.record("expected disconnected"); return }
        #expect(!reason.isEmpty)
        #expect(retryIn > 0)
        try server.process.start()
        try SeedData.load(into: try server.connection(), withSearch: server.searchLoaded)
        var recovered: RefreshOutcome?
        for _ in 0..<100 {
            let r = state.refresh(control: PollControl())
            if r.reachedServer { recovered = r; break }
            usleep(50_000)
        }
        #expect(recovered?.toggles.map(\.name) == ["useNewAlgorithm"])
    }

    @Test func syntaxErrorInQueryIsAProblemNotAFailure() throws {
        let server = try TestServer()
        try SeedData.load(into: try server.connection(), withSearch: server.searchLoaded)
        var state = RefreshCoordinator(settings: settings(server))
        var control = PollControl()
        control.errorQuery = ErrorQuery(text: "@@(", limit: 10)
        let result = state.refresh(control: control)
        #expect(result.reachedServer)
        #expect(result.errorQueryProblem != nil)
        #expect(result.toggles.count == 1)
    }
}
