import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The error database on every backend (RediSearch 1.2, search 2.x, none): index creation, ids, paging,
/// query errors.
@Suite struct ErrorDatabaseSearchTests {
    struct Env {
        let server: TestServer
        let connection: RedisConnection
        let db: ErrorDatabase
    }

    func env(_ backend: TestServer.Backend) throws -> Env {
        let server = try TestServer(backend: backend)
        let connection = try server.connection()
        let kind = try ServerInfo.probe(connection).search
        switch backend {
        case .search1: #expect(kind == .rediSearch1(version: 10200))
        case .search2: #expect(kind == .rediSearch2(version: 21005))
        case .none: #expect(kind == .basic)
        }
        return Env(server: server, connection: connection, db: ErrorDatabase(settings: Fixtures.settings(server), backend: kind))
    }

    /// The FT.INFO `fields` (1.x) or `attributes` (2.x) entry as text.
    static func schema(_ server: TestServer) throws -> String {
        guard case let .array(items) = try server.run("FT.INFO", "toggle_errors_db") else { return "" }
        for i in stride(from: 0, to: items.count - 1, by: 2) where items[i].string == "fields" || items[i].string == "attributes" {
            return "\(items[i + 1])"
        }
        return ""
    }

    @Test(arguments: TestServer.Backend.allCases) func missingIndexIsCreatedWithTimestampAndNoStopwords(_ backend: TestServer.Backend) throws {
        let e = try env(backend)
        guard backend != .none else {
            // No module: nothing to create, and nothing is written until an error is.
            #expect(try e.db.ensureIndex(on: e.connection).hasTimestamp)
            #expect(try e.server.run("DBSIZE").int == 0)
            return
        }
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

    @Test(arguments: [TestServer.Backend.search1, .search2]) func existingSeedIndexIsUsedAsIs(_ backend: TestServer.Backend) throws {
        let e = try env(backend)
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

    @Test(arguments: TestServer.Backend.allCases) func collisionInTheSameSecondGetsSuffixes(_ backend: TestServer.Backend) throws {
        let e = try env(backend)
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

    @Test(arguments: TestServer.Backend.allCases) func collisionWithADocumentAddedByRedisCLI(_ backend: TestServer.Backend) throws {
        let e = try env(backend)
        try e.db.ensureIndex(on: e.connection)
        let time = 1_552_386_725.0
        if backend == .none {
            _ = try e.server.redisCLI(["HSET", "useNewAlgorithm:03-12-19-10-32-05", "toggleName", "useNewAlgorithm", "exceptionBody", "seed"])
        } else {
            _ = try e.server.redisCLI(["FT.ADD", "toggle_errors_db", "useNewAlgorithm:03-12-19-10-32-05", "1.0", "FIELDS", "toggleName", "useNewAlgorithm", "exceptionBody", "seed"])
        }
        let id = try e.db.report(ErrorReport(toggleName: "useNewAlgorithm", exceptionBody: "mine", toggleValue: "True", fingerPrint: "J", releaseNum: "1", time: time), on: e.connection)
        #expect(id == "useNewAlgorithm:03-12-19-10-32-05-2")
        #expect(try e.server.hash("useNewAlgorithm:03-12-19-10-32-05")["exceptionBody"] == "seed")
    }

    @Test(arguments: TestServer.Backend.allCases) func pagingNewestFirst(_ backend: TestServer.Backend) throws {
        let e = try env(backend)
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

    @Test(arguments: TestServer.Backend.allCases) func syntaxErrorIsAQueryError(_ backend: TestServer.Backend) throws {
        let e = try env(backend)
        try e.db.ensureIndex(on: e.connection)
        guard backend != .none else {
            // No module, no query language: the text is matched as a word.
            #expect(try e.db.search(ErrorQuery(text: "@@("), on: e.connection).total == 0)
            return
        }
        #expect {
            _ = try e.db.search(ErrorQuery(text: "@@("), on: e.connection)
        } throws: { error in
            guard let error = error as? FlagtopError, case .query = error else { return false }
            return !error.description.contains("\n")
        }
        // The connection is still usable afterwards.
        #expect(try e.db.search(ErrorQuery(), on: e.connection).total == 0)
    }

    @Test(arguments: TestServer.Backend.allCases) func fingerprintsCountEachTrimmedName(_ backend: TestServer.Backend) throws {
        let e = try env(backend)
        try e.db.ensureIndex(on: e.connection)
        for fp in ["John S,Stephanie B", " John S , Ann K", "Stephanie B", "John S"] {
            _ = try e.db.report(ErrorReport(toggleName: "t", exceptionBody: "x", toggleValue: "True", fingerPrint: fp, releaseNum: "1"), on: e.connection)
        }
        let counts = try e.db.fingerprints(on: e.connection)
        #expect(counts == [
            FingerprintCount(name: "John S", count: 3), FingerprintCount(name: "Stephanie B", count: 2), FingerprintCount(name: "Ann K", count: 1),
        ])
    }

    /// Issue 14 point 9: a search of an index that does not exist says so, naming it (it was "0 errors").
    @Test(arguments: TestServer.Backend.allCases) func searchWithoutAnIndexSaysSoAndCreatesNothing(_ backend: TestServer.Backend) throws {
        let e = try env(backend)
        if backend == .none {
            #expect(try e.db.search(ErrorQuery(text: "x"), on: e.connection).total == 0)
        } else {
            #expect(throws: FlagtopError.notFound(e.db.missingIndexMessage)) { try e.db.search(ErrorQuery(text: "x"), on: e.connection) }
            #expect(e.db.missingIndexMessage.contains("'toggle_errors_db'"))
            #expect(throws: FlagtopError.notFound(e.db.missingIndexMessage)) { try e.db.fingerprints(on: e.connection) }
            #expect(try e.connection.perform(RedisCommand("FT.INFO", "toggle_errors_db")).serverError != nil)
        }
        #expect(try e.server.run("DBSIZE").int == 0)
    }
}
