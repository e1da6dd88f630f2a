import FlagtopTestSupport
import Foundation
import Testing

/// `sessions`, `session ID` and `decide` on the seeds' session context.
@Suite struct SessionCLITests {
    /// The seed session (with a TTL) and toggles covering every reason.
    func seeded() throws -> TestServer {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        _ = try server.redisCLI(Seeds.session)
        _ = try server.redisCLI(["EXPIRE", "session:4156e021:1234", "600"])
        _ = try server.redisCLI(["HSET", "darkMode", "toggle", "False"])
        _ = try server.redisCLI(["HSET", "brokenFlag", "toggle", "maybe"])
        _ = try server.redisCLI(["HSET", "googleOnly", "toggle", "true", "override", "google-user"])
        _ = try server.redisCLI(["HSET", "plainOn", "toggle", "yes"])
        return server
    }

    @Test func sessionShowsFieldsTTLAndTheDecisionForEveryToggle() throws {
        let server = try seeded()
        let out = try CLI.ok(["session", "4156e021:1234", "--json"], server: server)
        let object = try #require(try CLI.json(out.stdout) as? [String: Any])
        #expect(object["id"] as? String == "4156e021:1234")
        let ttl = try #require(object["ttl"] as? Int)
        #expect((1...600).contains(ttl))
        #expect(object["fields"] as? [String: String] == [
            "name": "John Smith", "email": "john.smith@jsmith.com", "phone": "718-111-2222", "authType": "fb-user",
            "creationTime": "Fri Apr 5 09:51:05 GMT-5",
        ])
        #expect(JSONKeys.objects(in: out.stdout, depth: 2).first == ["name", "email", "phone", "authType", "creationTime"])
        let decisions = try #require(object["decisions"] as? [[String: Any]])
        var byToggle: [String: (String, String, String?)] = [:]
        for d in decisions {
            byToggle[d["toggle"] as? String ?? "?"] = (d["variant"] as? String ?? "?", d["reason"] as? String ?? "?", d["errorCode"] as? String)
        }
        #expect(byToggle.count == 5)
        #expect(byToggle["useNewAlgorithm"]! == ("new", "TARGETING_MATCH", nil))
        #expect(byToggle["darkMode"]! == ("old", "DISABLED", nil))
        #expect(byToggle["brokenFlag"]! == ("old", "ERROR", "PARSE_ERROR"))
        #expect(byToggle["googleOnly"]! == ("old", "DEFAULT", nil))
        #expect(byToggle["plainOn"]! == ("new", "STATIC", nil))
    }

    @Test func sessionTextOutput() throws {
        let server = try seeded()
        let out = try CLI.ok(["session", "4156e021:1234"], server: server)
        #expect(out.lines.first?.hasPrefix("session 4156e021:1234") == true)
        #expect(out.stdout.contains("John Smith"))
        #expect(out.lines.contains { $0.hasPrefix("useNewAlgorithm ") && $0.contains("new") && $0.contains("TARGETING_MATCH") })
        #expect(out.lines.contains { $0.hasPrefix("brokenFlag ") && $0.contains("PARSE_ERROR") })
    }

    @Test func sessionsListsLiveSessionsAndSkipsAStringWithANote() throws {
        let server = try seeded()
        _ = try server.redisCLI(["SET", "session:x", "just a string"])
        let out = try CLI.ok(["sessions"], server: server)
        let row = try #require(out.lines.first { $0.hasPrefix("4156e021:1234 ") }, "\(out.stdout)")
        #expect(row.contains("John Smith"))
        #expect(row.contains("fb-user"))
        #expect(row.range(of: #" (600|59\d)s "#, options: .regularExpression) != nil)
        #expect(!out.stdout.contains("session:x"))
        #expect(out.stderr.contains("session:x"))
        #expect(out.stderr.contains("not a hash"))
        #expect(out.stderrLines.count == 1)
    }

    @Test func sessionThatIsAStringFailsWithOneLine() throws {
        let server = try seeded()
        _ = try server.redisCLI(["SET", "session:x", "just a string"])
        let line = try CLI.failsWithOneLine(["session", "x"], server: server)
        #expect(line.contains("session:x"))
    }

    @Test func missingSessionFailsWithOneLine() throws {
        let server = try seeded()
        let line = try CLI.failsWithOneLine(["session", "nobody"], server: server)
        #expect(line.contains("not found"))
    }

    @Test func decidePrintsVariantAndReason() throws {
        let server = try seeded()
        #expect(try CLI.ok(["decide", "useNewAlgorithm", "4156e021:1234"], server: server).lines == ["new TARGETING_MATCH"])
        #expect(try CLI.ok(["decide", "darkMode", "4156e021:1234"], server: server).lines == ["old DISABLED"])
        #expect(try CLI.ok(["decide", "nope", "4156e021:1234"], server: server).lines == ["old ERROR FLAG_NOT_FOUND"])
        #expect(try CLI.ok(["decide", "useNewAlgorithm", "nobody"], server: server).lines == ["old DEFAULT"])
    }

    @Test func decideRolloutUsesUnleashBuckets() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(["HSET", "AB12A", "toggle", "True", "rollout", "50"])
        _ = try server.redisCLI(["HSET", "session:122", "name", "a"])
        _ = try server.redisCLI(["HSET", "session:123", "name", "b"])
        #expect(try CLI.ok(["decide", "AB12A", "122"], server: server).lines == ["new SPLIT (bucket 23)"])
        #expect(try CLI.ok(["decide", "AB12A", "123"], server: server).lines == ["old SPLIT (bucket 51)"])
    }
}
