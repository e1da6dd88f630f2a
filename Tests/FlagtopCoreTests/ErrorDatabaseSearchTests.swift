import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The error database on RediSearch 1.x (Debian's module): index creation, ids, paging, query errors.
@Suite struct ErrorDatabaseSearchTests {
    struct Env {
        let server: TestServer
        let connection: RedisConnection
        let db: ErrorDatabase
    }

    func env() throws -> Env {
        let server = try TestServer()
        try #require(server.searchLoaded, "RediSearch module not installed")
        let connection = try server.connection()
        return Env(server: server, connection: connection, db: ErrorDatabase(settings: Fixtures.settings(server), backend: .rediSearch1(version: 10200)))
    }

    /// The FT.INFO `fields` entry as text.
    static func schema(_ server: TestServer) throws -> String {
        guard case let .array(items) = try server.run("FT.INFO", "toggle_errors_db") else { return "" }
        for i in stride(from: 0, to: items.count - 1, by: 2) where items[i].string == "fields" {
            return "\(items[i + 1])"
        }
        return ""
    }

    @Test func missingIndexIsCreatedWithTimestampAndNoStopwords() throws {
        let e = try env()
        let status = try e.db.ensureIndex(on: e.connection)
        #expect(status.created)
        #expect(status.hasTimestamp)
        let schema = try Self.schema(e.server)
        #expect(schema.contains("ts"))
        #expect(schema.contains("NUMERIC"))
        // STOPWORDS 0: a default stopword is indexed and found.
        _ = try e.db.report(ErrorReport(toggleName: "t", exceptionBody: "the quick fox", toggleValue: "True", fingerPrint: "A", releaseNum: "1"), on: e.connection)
        #expect(try e.server.run("FT.SEARCH", "toggle_errors_db", "the").array?.first?.int == 1)
        // A second ensure finds it and does not create again.
        let again = try e.db.ensureIndex(on: e.connection)
        #expect(!again.created)
        #expect(again.hasTimestamp)
    }

    @Test func existingSeedIndexIsUsedAsIs() throws {
        let e = try env()
        _ = try e.server.redisCLI(["FT.CREATE", "toggle_errors_db", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT"])
        let before = try Self.schema(e.server)
        let status = try e.db.ensureIndex(on: e.connection)
        #expect(!status.created)
        #expect(!status.hasTimestamp)
        #expect(status.fields == ["toggleName", "toggleValue", "fingerPrint", "exceptionBody"])
        let id = try e.db.report(ErrorReport(toggleName: "t", exceptionBody: "kaboom", toggleValue: "True", fingerPrint: "A", releaseNum: "1"), on: e.connection)
        #expect(try Self.schema(e.server) == before)
        let result = try e.db.search(ErrorQuery(text: "kaboom"), on: e.connection)
        #expect(result.hits.map(\.id) == [id])
    }

    @Test func collisionInTheSameSecondGetsSuffixes() throws {
        let e = try env()
        try e.db.ensureIndex(on: e.connection)
        let time = 1_552_386_725.0
        var ids: [String] = []
        for body in ["one", "two", "three"] {
            ids.append(try e.db.report(ErrorReport(toggleName: "useNewAlgorithm", exceptionBody: body, toggleValue: "True", fingerPrint: "J", releaseNum: "1", time: time), on: e.connection))
        }
        #expect(ids == ["useNewAlgorithm:03-12-19-10-32-05", "useNewAlgorithm:03-12-19-10-32-05-2", "useNewAlgorithm:03-12-19-10-32-05-3"])
        #expect(try e.server.hash(ids[0])["exceptionBody"] == "one")
        #expect(try e.server.hash(ids[2])["exceptionBody"] == "three")
        #expect(try e.db.search(ErrorQuery(), on: e.connection).total == 3)
    }

    @Test func collisionWithADocumentAddedByRedisCLI() throws {
        let e = try env()
        try e.db.ensureIndex(on: e.connection)
        let time = 1_552_386_725.0
        _ = try e.server.redisCLI(["FT.ADD", "toggle_errors_db", "useNewAlgorithm:03-12-19-10-32-05", "1.0", "FIELDS", "toggleName", "useNewAlgorithm", "exceptionBody", "seed"])
        let id = try e.db.report(ErrorReport(toggleName: "useNewAlgorithm", exceptionBody: "mine", toggleValue: "True", fingerPrint: "J", releaseNum: "1", time: time), on: e.connection)
        #expect(id == "useNewAlgorithm:03-12-19-10-32-05-2")
        #expect(try e.server.hash("useNewAlgorithm:03-12-19-10-32-05")["exceptionBody"] == "seed")
    }

    @Test func pagingNewestFirst() throws {
        let e = try env()
        try e.db.ensureIndex(on: e.connection)
        for i in 0..<7 {
            _ = try e.db.report(ErrorReport(toggleName: "t\(i)", exceptionBody: "failure number \(i)", toggleValue: "True", fingerPrint: "A", releaseNum: "1", time: 1_700_000_000 + Double(i)), on: e.connection)
        }
        let page1 = try e.db.search(ErrorQuery(text: "failure", limit: 3, offset: 0), on: e.connection)
        let page3 = try e.db.search(ErrorQuery(text: "failure", limit: 3, offset: 6), on: e.connection)
        #expect(page1.total == 7)
        #expect(page1.hits.map(\.toggleName) == ["t6", "t5", "t4"])
        #expect(page3.hits.map(\.toggleName) == ["t0"])
        #expect(page3.total == 7)
    }

    @Test func syntaxErrorIsAQueryError() throws {
        let e = try env()
        try e.db.ensureIndex(on: e.connection)
        #expect {
            _ = try e.db.search(ErrorQuery(text: "@@("), on: e.connection)
        } throws: { error in
            guard let error = error as? FlagtopError, case .query = error else { return false }
            return !error.description.contains("\n")
        }
        // The connection is still usable afterwards.
        #expect(try e.db.search(ErrorQuery(), on: e.connection).total == 0)
    }

    @Test func fingerprintsCountEachTrimmedName() throws {
        let e = try env()
        try e.db.ensureIndex(on: e.connection)
        for fp in ["John S,Stephanie B", " John S , Ann K", "Stephanie B", "John S"] {
            _ = try e.db.report(ErrorReport(toggleName: "t", exceptionBody: "x", toggleValue: "True", fingerPrint: fp, releaseNum: "1"), on: e.connection)
        }
        let counts = try e.db.fingerprints(on: e.connection)
        #expect(counts == [
            FingerprintCount(name: "John S", count: 3), FingerprintCount(name: "Stephanie B", count: 2), FingerprintCount(name: "Ann K", count: 1),
        ])
    }

    @Test func searchWithoutAnIndexIsEmptyAndCreatesNothing() throws {
        let e = try env()
        let result = try e.db.search(ErrorQuery(text: "x"), on: e.connection)
        #expect(result.total == 0)
        #expect(try e.connection.perform(RedisCommand("FT.INFO", "toggle_errors_db")).serverError != nil)
    }
}
