@testable import FlagtopDashboard
import FlagtopCore
import FlagtopTestSupport
import FlagtopUI
import Foundation
import Testing

/// The dashboard's error reads on every backend (issue 14, points 3, 5, 7 and 11), through the refresh the
/// dashboard runs (`RefreshCoordinator`, on a `ManualClock`): fingerprint counts follow new errors and `r`,
/// a refresh does not pull exception bodies, the detail view reads its document, and the index is used as
/// FT.INFO describes it.
@Suite struct PollerErrorsTests {
    func settings(_ server: TestServer, database: Int = 0) -> FlagtopSettings {
        var endpoint = server.endpoint
        endpoint.database = database
        return FlagtopSettings(endpoint: endpoint, actor: "test@host", timeout: 2)
    }

    static func bytesSent(_ server: TestServer) throws -> Int {
        let info = try server.run("INFO", "stats").string ?? ""
        let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("total_net_output_bytes:") } ?? ""
        return Int(line.dropFirst("total_net_output_bytes:".count)) ?? -1
    }

    func database(_ server: TestServer, _ connection: RedisConnection) throws -> ErrorDatabase {
        try ErrorDatabase(settings: settings(server), backend: ServerInfo.probe(connection).search).resolved(on: connection)
    }

    func report(_ db: ErrorDatabase, _ body: String, by name: String, on connection: RedisConnection) throws -> String {
        try db.report(ErrorReport(toggleName: "t", exceptionBody: body, toggleValue: "True", fingerPrint: name, releaseNum: "1"), on: connection)
    }

    func fingerprints(_ outcome: RefreshOutcome) -> Set<FingerprintCount> { Set(outcome.data?.fingerprints ?? []) }

    static func count(_ name: String) -> FingerprintCount { FingerprintCount(name: name, count: 1) }

    /// Point 7: a new developer name shows in the fingerprint counts on the next forced refresh (`r`, `f`),
    /// and within a couple of seconds without one, not up to 30 s later.
    @Test(arguments: TestServer.Backend.allCases) func fingerprintCountsFollowNewErrors(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let connection = try server.connection()
        let db = try database(server, connection)
        _ = try report(db, "first", by: "Ann K", on: connection)
        let clock = ManualClock()
        var coordinator = RefreshCoordinator(settings: settings(server), clock: clock)
        var control = PollControl()
        #expect(fingerprints(coordinator.refresh(control: control)) == [Self.count("Ann K")])

        _ = try report(db, "second", by: "Bob L", on: connection)
        usleep(100_000)  // the invalidation travels on another socket
        clock.advance(by: 1)
        // An idle refresh a second later does not recount yet...
        #expect(fingerprints(coordinator.refresh(control: control)) == [Self.count("Ann K")])
        control.refreshGeneration += 1  // ...what `r` and `f` do does.
        #expect(fingerprints(coordinator.refresh(control: control)) == [Self.count("Ann K"), Self.count("Bob L")])

        // Without a forced refresh, new errors are counted a couple of seconds after they are seen.
        _ = try report(db, "third", by: "Cy M", on: connection)
        var waited = 0.0
        var counted = false
        while !counted && waited < 10 {
            usleep(25_000)
            clock.advance(by: 0.25)
            waited += 0.25
            counted = fingerprints(coordinator.refresh(control: control)).contains(Self.count("Cy M"))
        }
        #expect(counted)
        #expect(waited <= 3, "counted \(waited) s after the error, not within a couple of seconds")
    }

    /// Point 11: with a 2 MB exception stored, refreshes (forced, so the error search runs every time) send
    /// a few KB, not the body; the detail view gets the document with its body (within the 8 MB bound), read
    /// when it opens and on `r`, not again on idle refreshes.
    @Test(arguments: TestServer.Backend.allCases) func refreshesDoNotPullExceptionBodies(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let connection = try server.connection()
        let db = try database(server, connection)
        let huge = "java.lang.OutOfMemoryError: huge\n" + String(repeating: "\tat com.example.Deep.frame(Deep.java:42)\n", count: 50_000)
        let big = try report(db, huge, by: "Ann K", on: connection)
        let small = try report(db, "java.lang.IllegalStateException: small\n\tat A.b(A.java:1)", by: "Bob L", on: connection)
        var coordinator = RefreshCoordinator(settings: settings(server), clock: ManualClock())
        var control = PollControl()
        _ = coordinator.refresh(control: control)
        var result = coordinator.refresh(control: control)
        let hits = result.errors?.hits ?? []
        #expect(Set(hits.map(\.id)) == [big, small])
        #expect(hits.allSatisfy { $0.exceptionBody == nil })
        let bigRow = try #require(hits.first { $0.id == big })
        #expect(bigRow.exceptionBodyBytes == huge.utf8.count)
        // A body up to 4 KB comes whole as the row's head; a bigger one is cut by the server (search modules only).
        #expect(hits.first { $0.id == small }?.exceptionHead == "java.lang.IllegalStateException: small\n\tat A.b(A.java:1)")
        if backend != .none { #expect(bigRow.firstLine.hasPrefix("java.lang.OutOfMemoryError")) }
        var perRefresh: [Int] = []
        for _ in 0..<5 {
            control.refreshGeneration += 1
            let before = try Self.bytesSent(server)
            result = coordinator.refresh(control: control)
            perRefresh.append(try Self.bytesSent(server) - before)
        }
        #expect(result.errors?.total == 2)
        #expect(result.errors?.hits.first { $0.id == big }?.exceptionBodyBytes == huge.utf8.count, "heads kept across refreshes")
        #expect(perRefresh.allSatisfy { $0 < 64 * 1024 }, "bytes per refresh: \(perRefresh)")
        #expect(coordinator.pipelineCallsForTesting == 1)

        // The detail view: its document, with the whole body.
        control.errorDetailKey = big
        result = coordinator.refresh(control: control)
        let detail = try #require(result.data?.errorDetail)
        #expect(detail.id == big)
        #expect(detail.exceptionBody == huge)
        #expect(detail.toggleName == "t")
        #expect(detail.fingerPrint == "Ann K")
        var before = try Self.bytesSent(server)
        result = coordinator.refresh(control: control)
        #expect(try Self.bytesSent(server) - before < 64 * 1024, "an idle refresh with the detail open re-read the body")
        #expect(result.data?.errorDetail == detail)
        // `r` reads it again (it may have changed).
        control.refreshGeneration += 1
        before = try Self.bytesSent(server)
        result = coordinator.refresh(control: control)
        #expect(try Self.bytesSent(server) - before >= huge.utf8.count)
        #expect(result.data?.errorDetail == detail)
        // Another document, then none.
        control.errorDetailKey = small
        result = coordinator.refresh(control: control)
        #expect(result.data?.errorDetail?.exceptionBody == "java.lang.IllegalStateException: small\n\tat A.b(A.java:1)")
        control.errorDetailKey = nil
        result = coordinator.refresh(control: control)
        #expect(result.data?.errorDetail == nil)
        #expect(result.data?.problems[.errors] == nil)
    }

    /// The detail of an error that is gone says so on the pane, and is read again each refresh until it is
    /// there (a failed read is not kept like a good one until `r`).
    @Test(arguments: TestServer.Backend.allCases) func detailOfAMissingDocumentSaysSo(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let connection = try server.connection()
        _ = try report(try database(server, connection), "first", by: "Ann K", on: connection)
        var coordinator = RefreshCoordinator(settings: settings(server), clock: ManualClock())
        var control = PollControl()
        _ = coordinator.refresh(control: control)
        control.errorDetailKey = "t:gone"
        var result = coordinator.refresh(control: control)
        #expect(result.data?.errorDetail == nil)
        #expect(result.data?.problems[.errors]?.contains("t:gone is no longer in Redis") == true, "\(String(describing: result.data?.problems))")
        _ = try connection.send("HSET", "t:gone", "toggleName", "t", "exceptionBody", "back again")
        result = coordinator.refresh(control: control)
        #expect(result.data?.errorDetail?.exceptionBody == "back again")
        #expect(result.data?.problems[.errors] == nil)
    }

    /// Point 3: an FT.CREATE without PREFIX (the seeds', here with `ts` added, so a plain sorted FT.SEARCH
    /// would do) makes a 2.x index cover every HASH; the pane uses the index as FT.INFO describes it and lists
    /// only the error documents, not toggles and sessions.
    @Test(arguments: TestServer.Backend.allCases) func indexOverEveryHashListsOnlyErrors(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let connection = try server.connection()
        if backend != .none {
            _ = try server.redisCLI(["FT.CREATE", "toggle_errors_db", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT", "ts", "NUMERIC", "SORTABLE"])
        }
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5", "fingerprint", "John S"])
        for i in 0..<5 { _ = try server.redisCLI(["HSET", "session:\(i)", "name", "User \(i)", "authType", "fb-user"]) }
        let db = try database(server, connection)
        let ids = [try report(db, "one", by: "Ann K", on: connection), try report(db, "two", by: "Ann K", on: connection)]
        var coordinator = RefreshCoordinator(settings: settings(server), clock: ManualClock())
        _ = coordinator.refresh(control: PollControl())
        let result = coordinator.refresh(control: PollControl())
        #expect(result.errors?.total == 2)
        #expect(Set(result.errors?.hits.map(\.id) ?? []) == Set(ids))
        #expect(result.errorQueryProblem == nil)
        #expect(fingerprints(result) == [FingerprintCount(name: "Ann K", count: 2)])
    }

    /// Point 5: the search modules keep indexes in database 0 only; on another database the pane says so
    /// where the hits would be, instead of "no error index yet".
    @Test(arguments: [TestServer.Backend.search1, .search2]) func anotherDatabaseSaysWhyThereAreNoErrors(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        var coordinator = RefreshCoordinator(settings: settings(server, database: 1), clock: ManualClock())
        let result = coordinator.refresh(control: PollControl())
        #expect(result.reachedServer)
        #expect(result.errors == nil)
        let problem = try #require(result.errorQueryProblem)
        #expect(problem.contains("database 0") && problem.contains("database 1"), "\(problem)")
        // A configuration, not a failed read: the pane is not marked stale.
        #expect(result.data?.problems[.errors] == nil)
    }
}
