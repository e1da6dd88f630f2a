import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// Backend-specific command construction, probing and the basic backend's writes (the 2.x+ layout is checked
/// live against Redis Stack in `ErrorDatabaseLayoutTests`).
@Suite struct ErrorDatabaseBackendTests {
    static let schemaTail = ["STOPWORDS", "0", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT",
                             "exceptionBody", "TEXT", "ts", "NUMERIC", "SORTABLE"]

    func words(_ command: RedisCommand) -> [String] { command.arguments.map { String(decoding: $0, as: UTF8.self) } }

    func settings(_ endpoint: RedisEndpoint = RedisEndpoint(address: .unix(path: "/nonexistent")), index: String = "toggle_errors_db") -> FlagtopSettings {
        FlagtopSettings(endpoint: endpoint, indexName: index, actor: "tester")
    }

    @Test func createCommandOnRediSearch1HasNoPrefix() {
        let db = ErrorDatabase(settings: settings(index: "errs"), backend: .rediSearch1(version: 10200))
        #expect(words(db.createIndexCommand) == ["FT.CREATE", "errs"] + Self.schemaTail)
        #expect(db.documentPrefix == "")
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

    @Test func probeWithSearch2() throws {
        let server = try TestServer(backend: .search2)
        let info = try ServerInfo.probe(server.connection())
        #expect(info.search == .rediSearch2(version: 21005))
        #expect(info.search.displayName == "search 2.10.5")
    }

    @Test func probeWithRediSearch1() throws {
        let server = try TestServer()
        try #require(server.searchLoaded)
        let info = try ServerInfo.probe(server.connection())
        #expect(info.search == .rediSearch1(version: 10200))
        #expect(info.modules["ft"] == 10200)
    }
}
