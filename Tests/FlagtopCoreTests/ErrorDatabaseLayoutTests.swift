import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// Where documents go and which documents are errors, per backend (issue 14, points 1, 2, 3, 5 and 8): an
/// existing index is used as it is defined, flagtop's own index also sees the seeds' FT.ADD documents, an
/// index over every HASH is restricted to error documents, and 2.x refuses databases other than 0.
@Suite struct ErrorDatabaseLayoutTests {
    static let seedFields = ["toggleName", "useNewAlgorithm", "toggleValue", "True", "fingerPrint", "John S,Stephanie B",
                             "exceptionBody", #"Exception in thread "main" java.lang.ArrayIndexOutOfBoundsException: 5"#]

    func database(_ server: TestServer, _ connection: RedisConnection, db: Int = 0) throws -> ErrorDatabase {
        var endpoint = server.endpoint
        endpoint.database = db
        return ErrorDatabase(settings: FlagtopSettings(endpoint: endpoint, actor: "tester"), backend: try ServerInfo.probe(connection).search)
    }

    func report(_ db: ErrorDatabase, _ body: String, toggle: String = "useNewAlgorithm", time: Double, on connection: RedisConnection) throws -> String {
        try db.report(ErrorReport(toggleName: toggle, exceptionBody: body, toggleValue: "True", fingerPrint: "John S", releaseNum: "2.5", time: time), on: connection)
    }

    /// Point 1: an index with its own PREFIX gets documents under that prefix; search and raw FT.SEARCH find them.
    @Test func existingPrefixedIndexIsWrittenWhereItLooks() throws {
        let server = try TestServer(backend: .search2)
        let connection = try server.connection()
        _ = try server.redisCLI(["FT.CREATE", "toggle_errors_db", "ON", "HASH", "PREFIX", "1", "error:", "SCHEMA",
                                 "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT"])
        let db = try database(server, connection)
        let status = try db.ensureIndex(on: connection)
        #expect(status.prefixes == ["error:"])
        #expect(status.coversOnlyErrors)
        let key = try report(db, "kaboom in checkout", time: 1_552_386_725, on: connection)
        // Point 8: what flagtop prints is the document's key.
        #expect(key == "error:useNewAlgorithm:03-12-19-10-32-05")
        #expect(try server.hash(key)["exceptionBody"] == "kaboom in checkout")
        let raw = try server.redisCLI(["FT.SEARCH", "toggle_errors_db", "kaboom", "NOCONTENT"])
        #expect(raw == "1\n\(key)\n")
        let found = try db.search(ErrorQuery(text: "kaboom"), on: connection)
        #expect(found.total == 1)
        #expect(found.hits.map(\.id) == [key])
    }

    /// Point 2: after flagtop created the index on 2.x, the seeds' own FT.ADD (stored at the bare id) is found.
    @Test func seedsFTAddIsFoundInTheIndexFlagtopCreated() throws {
        let server = try TestServer(backend: .search2)
        let connection = try server.connection()
        let db = try database(server, connection)
        let created = try db.ensureIndex(on: connection)
        #expect(created.created)
        let mine = try report(db, "flagtop wrote this", time: 1_700_000_000, on: connection)
        _ = try server.redisCLI(["FT.ADD", "toggle_errors_db", "useNewAlgorithm:03-12-19-10-32-05", "1.0", "FIELDS"] + Self.seedFields)
        // The seeds' toggle HASH is not an error document.
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5", "fingerprint", "John S"])
        let all = try db.search(ErrorQuery(), on: connection)
        #expect(all.total == 2)
        #expect(all.hits.map(\.id) == [mine, "useNewAlgorithm:03-12-19-10-32-05"])
        #expect(try db.search(ErrorQuery(text: "ArrayIndexOutOfBoundsException"), on: connection).hits.map(\.id) == ["useNewAlgorithm:03-12-19-10-32-05"])
        // And raw FT.SEARCH agrees.
        #expect(try server.redisCLI(["FT.SEARCH", "toggle_errors_db", "*", "NOCONTENT"]).hasPrefix("2\n"))
    }

    /// Point 3: the seeds' exact FT.CREATE (no PREFIX) covers every HASH; flagtop lists only errors, newest first.
    @Test(arguments: TestServer.Backend.allCases) func seedsIndexListsOnlyErrorsNewestFirst(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let connection = try server.connection()
        if backend != .none {
            _ = try server.redisCLI(["FT.CREATE", "toggle_errors_db", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT"])
            _ = try server.redisCLI(["FT.ADD", "toggle_errors_db", "useNewAlgorithm:03-12-19-10-32-05", "1.0", "FIELDS"] + Self.seedFields)
        }
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5", "fingerprint", "John S"])
        for i in 0..<5 { _ = try server.redisCLI(["HSET", "session:\(i)", "name", "User \(i)", "authType", "fb-user"]) }
        let db = try database(server, connection)
        var ids: [String] = []
        for (i, time) in [1_700_000_100.0, 1_700_000_300, 1_700_000_200].enumerated() {
            ids.append(try report(db, "failure \(i)", time: time, on: connection))
        }
        let result = try db.search(ErrorQuery(), on: connection)
        let expected = [ids[1], ids[2], ids[0]] + (backend == .none ? [] : ["useNewAlgorithm:03-12-19-10-32-05"])
        #expect(result.total == expected.count)
        #expect(result.hits.allSatisfy { $0.toggleName == "useNewAlgorithm" })
        if backend == .search1 {
            // 1.2 can sort only by a SORTABLE field, which the seeds' schema lacks, and its FT.AGGREGATE returns
            // no keys: the order is the index's.
            #expect(Set(result.hits.map(\.id)) == Set(expected))
        } else {
            #expect(result.hits.map(\.id) == expected)
            let page = try db.search(ErrorQuery(limit: 2, offset: 1), on: connection)
            #expect(page.hits.map(\.id) == Array(expected[1...2]))
            #expect(page.total == expected.count)
        }
    }

    /// Point 5: the search modules index database 0 only (2.x even indexes other databases' HASHes into it);
    /// flagtop says so instead of writing elsewhere. Without a module database 1 works.
    @Test(arguments: TestServer.Backend.allCases) func databaseOtherThanZero(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let admin = try server.connection()
        var endpoint = server.endpoint
        endpoint.database = 1
        let connection = try RedisConnection(connectingTo: endpoint, options: RedisConnectionOptions(commandTimeout: 5, clientName: "flagtop-test"))
        let db = try database(server, admin, db: 1)
        if backend != .none {
            try ErrorDatabase(settings: FlagtopSettings(endpoint: server.endpoint, actor: "tester"), backend: db.backend).ensureIndex(on: admin)
            #expect(throws: FlagtopError.self) { try db.ensureIndex(on: connection) }
            #expect(throws: FlagtopError.self) { try report(db, "in db 1", time: 1_700_000_000, on: connection) }
            #expect(throws: FlagtopError.self) { try db.search(ErrorQuery(), on: connection) }
            do { _ = try db.search(ErrorQuery(), on: connection) } catch {
                #expect(error.description.contains("database 0") && error.description.contains("database 1"), "\(error)")
                #expect(!error.description.contains("\n"))
            }
            #expect(try connection.send("DBSIZE").int == 0)
        } else {
            try db.ensureIndex(on: connection)
            let id = try report(db, "in db 1", time: 1_700_000_000, on: connection)
            #expect(try connection.send("EXISTS", id).int == 1)
            #expect(try db.search(ErrorQuery(text: "db"), on: connection).hits.map(\.id) == [id])
        }
    }

    /// Point 8: on every backend the id flagtop returns is the key that holds the document, and search
    /// results name the same key.
    @Test(arguments: TestServer.Backend.allCases) func reportedIdIsTheDocumentKey(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let connection = try server.connection()
        let db = try database(server, connection)
        try db.ensureIndex(on: connection)
        let id = try report(db, "where am I", time: 1_552_386_725, on: connection)
        #expect(id == "useNewAlgorithm:03-12-19-10-32-05")
        #expect(try server.hash(id)["exceptionBody"] == "where am I")
        #expect(try db.search(ErrorQuery(text: "where"), on: connection).hits.map(\.id) == [id])
    }

    @Test func createCommandsPerBackend() {
        let settings = FlagtopSettings(endpoint: RedisEndpoint(address: .unix(path: "/nonexistent")), indexName: "errs", actor: "tester")
        let tail = ["STOPWORDS", "0", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT", "ts", "NUMERIC", "SORTABLE"]
        func words(_ c: RedisCommand) -> [String] { c.arguments.map { String(decoding: $0, as: UTF8.self) } }
        #expect(words(ErrorDatabase(settings: settings, backend: .rediSearch2(version: 21005)).createIndexCommand)
            == ["FT.CREATE", "errs", "ON", "HASH", "FILTER", "exists(@toggleName) && exists(@exceptionBody)"] + tail)
        #expect(words(ErrorDatabase(settings: settings, backend: .rediSearch1(version: 10200)).createIndexCommand) == ["FT.CREATE", "errs"] + tail)
    }
}
