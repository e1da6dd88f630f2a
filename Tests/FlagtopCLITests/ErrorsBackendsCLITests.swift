import FlagtopTestSupport
import Foundation
import Testing

/// `flagtop errors` against what users meet on each backend (issue 14, points 1, 3, 5 and 9).
@Suite struct ErrorsBackendsCLITests {
    /// Point 9: a search of an index that does not exist says so, naming it, with exit status 1.
    @Test(arguments: [TestServer.Backend.search1, .search2]) func missingIndexIsNamed(_ backend: TestServer.Backend) throws {
        let server = try Seeds.server(backend: backend)
        _ = try server.redisCLI(Seeds.toggle)
        try Seeds.addIndexAndDocument(server)
        let line = try CLI.failsWithOneLine(["errors", "search", "--index", "nosuchindex"], server: server)
        #expect(line.contains("'nosuchindex'"), "\(line)")
        #expect(try CLI.failsWithOneLine(["errors", "fingerprints", "--index", "nosuchindex"], server: server).contains("'nosuchindex'"))
        // The real index still answers.
        #expect(try CLI.ok(["errors", "search"], server: server).lines.first == "1 error")
    }

    /// Point 5: with a search module, a database other than 0 is refused with one line before anything is
    /// written; without one it works.
    @Test(arguments: TestServer.Backend.allCases) func databaseOtherThanZero(_ backend: TestServer.Backend) throws {
        let server = try Seeds.server(backend: backend)
        _ = try server.redisCLI(Seeds.toggle)
        let url = server.url + "?db=1"
        if backend == .none {
            let out = try CLI.run(["errors", "report", "useNewAlgorithm", "in db 1"], url: url)
            #expect(out.status == 0, "\(out.stderr)")
            #expect(try CLI.run(["errors", "search", "db"], url: url).stdout.hasPrefix("1 error"))
        } else {
            let line = try CLI.failsWithOneLine(["errors", "report", "useNewAlgorithm", "in db 1"], server: nil, url: url)
            #expect(line.contains("database 0") && line.contains("database 1"), "\(line)")
            #expect(try CLI.failsWithOneLine(["errors", "search"], server: nil, url: url).contains("database 0"))
            #expect(try server.redisCLI(["-n", "1", "DBSIZE"]).hasPrefix("0"))
        }
    }

    /// Points 1 and 8 through the CLI: an index with its own prefix; `stored` names the key, and both flagtop
    /// and redis-cli find it.
    @Test func reportIntoAPrefixedIndex() throws {
        let server = try Seeds.server(backend: .search2)
        _ = try server.redisCLI(Seeds.toggle)
        _ = try server.redisCLI(["FT.CREATE", "toggle_errors_db", "ON", "HASH", "PREFIX", "1", "error:", "SCHEMA",
                                 "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT"])
        let out = try CLI.ok(["errors", "report", "useNewAlgorithm", "NullPointerException at Checkout.java:42"], server: server)
        let key = String(try #require(out.lines.first).dropFirst("stored ".count))
        #expect(key.hasPrefix("error:useNewAlgorithm:"), "\(key)")
        #expect(try Seeds.hash(server, key)["exceptionBody"] == "NullPointerException at Checkout.java:42")
        #expect(try server.redisCLI(["FT.SEARCH", "toggle_errors_db", "NullPointerException", "NOCONTENT"]) == "1\n\(key)\n")
        let found = try CLI.ok(["errors", "search", "NullPointerException"], server: server)
        #expect(found.lines.first == "1 error")
        #expect(found.lines.contains { $0.hasPrefix(key + " ") })
    }

    /// Point 3: the seeds' FT.CREATE (no PREFIX) on 2.x covers toggles and sessions too; `errors search`
    /// lists only the errors, newest first.
    @Test func seedsIndexOnSearch2ListsOnlyErrors() throws {
        let server = try Seeds.server(backend: .search2)
        _ = try server.redisCLI(Seeds.toggle)
        _ = try server.redisCLI(Seeds.session)
        try Seeds.addIndexAndDocument(server)
        try CLI.ok(["errors", "report", "useNewAlgorithm", "older report"], server: server)
        sleep(1)
        try CLI.ok(["errors", "report", "useNewAlgorithm", "newer report"], server: server)
        let out = try CLI.ok(["errors", "search", "--json"], server: server)
        let result = try #require(try CLI.json(out.stdout) as? [String: Any])
        #expect(result["total"] as? Int == 3)
        let hits = try #require(result["hits"] as? [[String: Any]])
        let bodies = hits.map { ($0["fields"] as? [String: String])?["exceptionBody"] ?? "" }
        #expect(bodies == ["newer report", "older report", Seeds.exception])
    }
}
