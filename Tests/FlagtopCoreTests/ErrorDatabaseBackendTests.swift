import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// Backend-specific command construction and writes: 2.x+ (prefix + HSET) checked against a plain server,
/// where FT.* does not exist, by inspecting what was written.
@Suite struct ErrorDatabaseBackendTests {
    static let schemaTail = ["STOPWORDS", "0", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT",
                             "exceptionBody", "TEXT", "ts", "NUMERIC", "SORTABLE"]

    func words(_ command: RedisCommand) -> [String] { command.arguments.map { String(decoding: $0, as: UTF8.self) } }

    func settings(_ endpoint: RedisEndpoint = RedisEndpoint(address: .unix(path: "/nonexistent")), index: String = "toggle_errors_db") -> FlagtopSettings {
        FlagtopSettings(endpoint: endpoint, indexName: index, actor: "tester")
    }

    @Test func createCommandOnRediSearch2UsesHashPrefix() {
        let db = ErrorDatabase(settings: settings(), backend: .rediSearch2(version: 20804))
        #expect(words(db.createIndexCommand) == ["FT.CREATE", "toggle_errors_db", "ON", "HASH", "PREFIX", "1", "toggle_errors_db:"] + Self.schemaTail)
        #expect(db.documentPrefix == "toggle_errors_db:")
    }

    @Test func createCommandOnRediSearch1HasNoPrefix() {
        let db = ErrorDatabase(settings: settings(index: "errs"), backend: .rediSearch1(version: 10200))
        #expect(words(db.createIndexCommand) == ["FT.CREATE", "errs"] + Self.schemaTail)
        #expect(db.documentPrefix == "")
    }

    @Test func rediSearch2ReportWritesHashesUnderThePrefix() throws {
        let server = try TestServer(search: false)
        let connection = try server.connection()
        try server.run("HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5", "fingerprint", "John S")
        let db = ErrorDatabase(settings: settings(server.endpoint), backend: .rediSearch2(version: 20804))
        let time = Double(Fixtures.seconds(2019, 3, 12, 10, 32, 5, zone: TimeZone(identifier: "UTC")!))
        let id = try db.report(ErrorReport(toggleName: "useNewAlgorithm", exceptionBody: "boom", time: time), on: connection)
        #expect(id == "useNewAlgorithm:03-12-19-10-32-05")
        let doc = try server.hash("toggle_errors_db:" + id)
        #expect(doc["toggleName"] == "useNewAlgorithm")
        #expect(doc["toggleValue"] == "True")
        #expect(doc["fingerPrint"] == "John S")
        #expect(doc["exceptionBody"] == "boom")
        #expect(doc["releaseNum"] == "2.5")
        #expect(doc["ts"] == String(Int(time)))
        // Not written without the prefix, and listed in the ZSET by time (unprefixed id).
        #expect(try server.run("EXISTS", id).int == 0)
        #expect(try server.run("ZSCORE", "flagtop:errtime:toggle_errors_db", id).string.flatMap(Double.init) == time)
    }

    @Test func rediSearch2CollisionGetsSuffixAndNeverOverwrites() throws {
        let server = try TestServer(search: false)
        let connection = try server.connection()
        let db = ErrorDatabase(settings: settings(server.endpoint), backend: .rediSearch2(version: 20804))
        let time = 1_700_000_000.0
        let base = ErrorReport.baseID(toggle: "t", time: time)
        let first = try db.report(ErrorReport(toggleName: "t", exceptionBody: "first", toggleValue: "True", fingerPrint: "A", releaseNum: "1", time: time), on: connection)
        let second = try db.report(ErrorReport(toggleName: "t", exceptionBody: "second", toggleValue: "True", fingerPrint: "A", releaseNum: "1", time: time), on: connection)
        let third = try db.report(ErrorReport(toggleName: "t", exceptionBody: "third", toggleValue: "True", fingerPrint: "A", releaseNum: "1", time: time), on: connection)
        #expect([first, second, third] == [base, base + "-2", base + "-3"])
        #expect(try server.hash("toggle_errors_db:" + base)["exceptionBody"] == "first")
        #expect(try server.hash("toggle_errors_db:" + base + "-2")["exceptionBody"] == "second")
        #expect(try server.hash("toggle_errors_db:" + base + "-3")["exceptionBody"] == "third")
    }

    @Test func basicBackendStoresUnprefixedHashesAndSearchesBySubstring() throws {
        let server = try TestServer(search: false)
        let connection = try server.connection()
        try server.run("HSET", "useNewAlgorithm", "toggle", "True", "fingerprint", "John S,Stephanie B")
        let db = ErrorDatabase(settings: settings(server.endpoint), backend: .basic)
        let id = try db.report(ErrorReport(toggleName: "useNewAlgorithm", exceptionBody: "java.lang.ArrayIndexOutOfBoundsException: 5"), on: connection)
        _ = try db.report(ErrorReport(toggleName: "other", exceptionBody: "NullPointerException", fingerPrint: "Ann K"), on: connection)
        #expect(try server.hash(id)["toggleName"] == "useNewAlgorithm")
        let hits = try db.search(ErrorQuery(text: "outofbounds"), on: connection)
        #expect(hits.total == 1)
        #expect(hits.hits.first?.id == id)
        #expect(try db.search(ErrorQuery(fingerprint: "stephanie b"), on: connection).hits.map(\.id) == [id])
        #expect(try db.search(ErrorQuery(toggle: "other"), on: connection).total == 1)
        #expect(try db.search(ErrorQuery(text: "nothing-like-this"), on: connection).total == 0)
        #expect(try db.search(ErrorQuery(), on: connection).total == 2)
        let counts = try db.fingerprints(on: connection)
        #expect(Set(counts) == [FingerprintCount(name: "John S", count: 1), FingerprintCount(name: "Stephanie B", count: 1), FingerprintCount(name: "Ann K", count: 1)])
    }

    @Test func probeOfAPlainServerIsBasic() throws {
        let server = try TestServer(search: false)
        #expect(try ServerInfo.probe(server.connection()).search == .basic)
    }

    @Test func probeWithRediSearch1() throws {
        let server = try TestServer()
        try #require(server.searchLoaded)
        let info = try ServerInfo.probe(server.connection())
        #expect(info.search == .rediSearch1(version: 10200))
        #expect(info.modules["ft"] == 10200)
    }
}
