@testable import FlagtopDashboard
import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The dashboard's error reads on every backend (issue 14, points 7 and 11): fingerprint counts follow new
/// errors and `r`, an idle refresh does not pull exception bodies, and the detail view reads its document.
@Suite struct PollerErrorsTests {
    func settings(_ server: TestServer) -> FlagtopSettings {
        FlagtopSettings(endpoint: server.endpoint, actor: "test@host", timeout: 2)
    }

    static func bytesSent(_ server: TestServer) throws -> Int {
        let info = try server.run("INFO", "stats").string ?? ""
        let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("total_net_output_bytes:") } ?? ""
        return Int(line.dropFirst("total_net_output_bytes:".count)) ?? -1
    }

    func database(_ server: TestServer, _ connection: RedisConnection) throws -> ErrorDatabase {
        try ErrorDatabase(settings: settings(server), backend: ServerInfo.probe(connection).search).resolved(on: connection)
    }

    /// Point 7: a new developer name shows in the fingerprint counts on the next forced refresh (`r`, `f`),
    /// not up to 30 s later.
    @Test(arguments: TestServer.Backend.allCases) func fingerprintCountsFollowNewErrors(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let connection = try server.connection()
        let db = try database(server, connection)
        _ = try db.report(ErrorReport(toggleName: "t", exceptionBody: "first", toggleValue: "True", fingerPrint: "Ann K", releaseNum: "1"), on: connection)
        var state = PollerState(settings: settings(server))
        var control = PollControl()
        var result = state.refresh(control: control, visibleSessions: 10, maxLogLists: 10)
        #expect(result.fingerprints == [FingerprintCount(name: "Ann K", count: 1)])
        _ = try db.report(ErrorReport(toggleName: "t", exceptionBody: "second", toggleValue: "True", fingerPrint: "Bob L", releaseNum: "1"), on: connection)
        control.refreshGeneration += 1  // what `r` and `f` do
        result = state.refresh(control: control, visibleSessions: 10, maxLogLists: 10)
        #expect(Set(result.fingerprints) == [FingerprintCount(name: "Ann K", count: 1), FingerprintCount(name: "Bob L", count: 1)])
        // Without a forced refresh, new errors are counted within a couple of seconds.
        _ = try db.report(ErrorReport(toggleName: "t", exceptionBody: "third", toggleValue: "True", fingerPrint: "Cy M", releaseNum: "1"), on: connection)
        let deadline = Date().addingTimeInterval(8)
        repeat {
            usleep(300_000)
            result = state.refresh(control: control, visibleSessions: 10, maxLogLists: 10)
        } while !result.fingerprints.contains(FingerprintCount(name: "Cy M", count: 1)) && Date() < deadline
        #expect(result.fingerprints.contains(FingerprintCount(name: "Cy M", count: 1)))
    }

    /// Point 11: with a 2 MB exception stored, refreshes (forced, so the error search runs every time) send
    /// a few KB, not the body; the detail view gets the document with its body (within the 8 MB bound), read
    /// when it opens and not again on idle refreshes.
    @Test(arguments: TestServer.Backend.allCases) func refreshesDoNotPullExceptionBodies(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let connection = try server.connection()
        let db = try database(server, connection)
        let huge = "java.lang.OutOfMemoryError: huge\n" + String(repeating: "\tat com.example.Deep.frame(Deep.java:42)\n", count: 50_000)
        let big = try db.report(ErrorReport(toggleName: "t", exceptionBody: huge, toggleValue: "True", fingerPrint: "Ann K", releaseNum: "1"), on: connection)
        var state = PollerState(settings: settings(server))
        var control = PollControl()
        _ = state.refresh(control: control, visibleSessions: 10, maxLogLists: 10)
        var result = state.refresh(control: control, visibleSessions: 10, maxLogLists: 10)
        #expect(result.errors?.hits.map(\.id) == [big])
        #expect(result.errors?.hits.first?.exceptionBody == nil)
        #expect(result.errors?.hits.first?.exceptionBodyBytes == huge.utf8.count)
        if backend != .none { #expect(result.errors?.hits.first?.firstLine.hasPrefix("java.lang.OutOfMemoryError") == true) }
        var perRefresh: [Int] = []
        for _ in 0..<5 {
            control.refreshGeneration += 1
            let before = try Self.bytesSent(server)
            result = state.refresh(control: control, visibleSessions: 10, maxLogLists: 10)
            perRefresh.append(try Self.bytesSent(server) - before)
        }
        #expect(result.errors?.total == 1)
        #expect(perRefresh.allSatisfy { $0 < 64 * 1024 }, "bytes per refresh: \(perRefresh)")
        // The detail view: its document, with the body's size and a bounded start of it.
        control.errorDetailKey = big
        result = state.refresh(control: control, visibleSessions: 10, maxLogLists: 10)
        let detail = try #require(result.errorDetail)
        #expect(detail.id == big)
        #expect(detail.exceptionBody == huge)
        #expect(detail.toggleName == "t")
        let before = try Self.bytesSent(server)
        result = state.refresh(control: control, visibleSessions: 10, maxLogLists: 10)
        #expect(try Self.bytesSent(server) - before < 64 * 1024, "an idle refresh with the detail open re-read the body")
        #expect(result.errorDetail == detail)
        control.errorDetailKey = nil
        result = state.refresh(control: control, visibleSessions: 10, maxLogLists: 10)
        #expect(result.errorDetail == nil)
    }
}
