import FlagtopTestSupport
import Foundation
import Testing

/// A server without a search module: errors are HASHes plus a ZSET by time, searched by substring.
@Suite struct ErrorsBasicBackendCLITests {
    func plain() throws -> TestServer {
        let server = try Seeds.server(search: false)
        _ = try server.redisCLI(Seeds.toggle)
        return server
    }

    @Test func pingSaysBasic() throws {
        let server = try plain()
        let out = try CLI.ok(["ping"], server: server)
        #expect(out.lines.contains { $0.hasPrefix("search:") && $0.contains("basic") })
        #expect(out.lines.contains { $0.hasPrefix("version:") && $0.contains("7.") })
        let json = try #require(try CLI.json(CLI.ok(["ping", "--json"], server: server).stdout) as? [String: Any])
        #expect(json["search"] as? String == "basic")
    }

    @Test func reportThenSubstringSearch() throws {
        let server = try plain()
        let out = try CLI.ok(["errors", "report", "useNewAlgorithm", Seeds.exception], server: server)
        let id = String(try #require(out.lines.first).dropFirst("stored ".count))
        #expect(id.hasPrefix("useNewAlgorithm:"))
        let fields = try server.hash(id)
        #expect(fields["toggleName"] == "useNewAlgorithm")
        #expect(fields["fingerPrint"] == "John S")
        #expect(fields["exceptionBody"] == Seeds.exception)
        #expect(try server.run("ZSCORE", "flagtop:errtime:toggle_errors_db", id).isNull == false)
        try CLI.ok(["errors", "report", "useNewAlgorithm", "NullPointerException"], server: server)
        // Part of a word, any case.
        let hit = try #require(try CLI.json(CLI.ok(["errors", "search", "outofbounds", "--json"], server: server).stdout) as? [String: Any])
        #expect(hit["total"] as? Int == 1)
        #expect((hit["hits"] as? [[String: Any]])?.first?["id"] as? String == id)
        #expect(try CLI.ok(["errors", "search"], server: server).lines.first == "2 errors")
        #expect(try CLI.ok(["errors", "search", "--fingerprint", "john s"], server: server).lines.first == "2 errors")
        #expect(try CLI.ok(["errors", "search", "--toggle", "other"], server: server).lines.first == "0 errors")
        #expect(try CLI.ok(["errors", "search", "no-such-text"], server: server).lines.first == "0 errors")
        let counts = try #require(try CLI.json(CLI.ok(["errors", "fingerprints", "--json"], server: server).stdout) as? [[String: Any]])
        #expect(counts.first?["name"] as? String == "John S")
        #expect(counts.first?["count"] as? Int == 2)
    }
}
