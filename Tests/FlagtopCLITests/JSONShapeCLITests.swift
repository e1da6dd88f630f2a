import FlagtopTestSupport
import Foundation
import Testing

/// The `--json` shapes of docs/json.md: exactly these keys, in this order (checked on the raw text).
@Suite struct JSONShapeCLITests {
    static let toggleKeys = ["name", "enabled", "releaseNum", "fingerprint", "override", "rollout", "fields"]
    static let decisionKeys = ["toggle", "session", "variant", "reason", "errorCode"]
    static let searchKeys = ["total", "hits"]
    static let hitKeys = ["id", "fields"]
    static let logKeys = ["name", "severity", "time", "message"]
    static let auditKeys = ["id", "action", "toggle", "actor", "reason", "before", "after", "time", "redisUser", "client", "replicas"]

    /// Audit objects with their string values (null and numbers dropped), for field checks.
    static func strings(_ value: Any?) -> [[String: String]]? {
        (value as? [[String: Any]])?.map { $0.compactMapValues { $0 as? String } }
    }

    func seeded() throws -> TestServer {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        _ = try server.redisCLI(Seeds.session)
        if server.searchLoaded {
            _ = try server.redisCLI(Seeds.createIndex)
            _ = try server.redisCLI(Seeds.addDocument)
        }
        return server
    }

    @Test func toggleShape() throws {
        let server = try seeded()
        let out = try CLI.ok(["toggles", "--json"], server: server)
        #expect(JSONKeys.objects(in: out.stdout, depth: 2).first == Self.toggleKeys)
        let list = try #require(try CLI.json(out.stdout) as? [[String: Any]])
        #expect(Set(list.first?.keys ?? [:].keys) == Set(Self.toggleKeys))
        let set = try CLI.ok(["set", "shaped", "--on", "--rollout", "40", "--json"], server: server)
        #expect(JSONKeys.objects(in: set.stdout, depth: 1).first == Self.toggleKeys)
        let object = try #require(try CLI.json(set.stdout) as? [String: Any])
        #expect(object["rollout"] as? Int == 40)
        #expect(object["override"] is NSNull)
    }

    @Test func decisionShape() throws {
        let server = try seeded()
        let out = try CLI.ok(["decide", "useNewAlgorithm", "4156e021:1234", "--json"], server: server)
        #expect(JSONKeys.objects(in: out.stdout, depth: 1) == [Self.decisionKeys])
        let d = try #require(try CLI.json(out.stdout) as? [String: Any])
        #expect(d["toggle"] as? String == "useNewAlgorithm")
        #expect(d["session"] as? String == "4156e021:1234")
        #expect(d["variant"] as? String == "new")
        #expect(d["reason"] as? String == "TARGETING_MATCH")
        #expect(d["errorCode"] is NSNull)
        let missing = try #require(try CLI.json(CLI.ok(["decide", "nope", "4156e021:1234", "--json"], server: server).stdout) as? [String: Any])
        #expect(missing["errorCode"] as? String == "FLAG_NOT_FOUND")
        #expect(missing["variant"] as? String == "old")
    }

    @Test func searchShape() throws {
        let server = try seeded()
        try #require(server.searchLoaded)
        let out = try CLI.ok(["errors", "search", "John", "--json"], server: server)
        #expect(JSONKeys.objects(in: out.stdout, depth: 1) == [Self.searchKeys])
        // Depth counts arrays too: object (1) → hits array (2) → hit (3).
        #expect(JSONKeys.objects(in: out.stdout, depth: 3) == [Self.hitKeys])
        let result = try #require(try CLI.json(out.stdout) as? [String: Any])
        #expect(result["total"] as? Int == 1)
    }

    @Test func logEntryShape() throws {
        let server = try seeded()
        try CLI.ok(["log", "checkout", "order 1", "--severity", "warning"], server: server)
        let out = try CLI.ok(["logs", "checkout", "--json"], server: server)
        #expect(JSONKeys.objects(in: out.stdout, depth: 2) == [Self.logKeys])
        let entry = try #require((try CLI.json(out.stdout) as? [[String: String]])?.first)
        #expect(entry["name"] == "checkout")
        #expect(entry["severity"] == "warning")
        #expect(entry["message"] == "order 1")
        #expect(entry["time"]?.count == 24)
    }

    /// `log --json` prints the line it wrote in the log entry shape, exactly as `logs --json` reads it back.
    @Test func logWritePrintsTheEntryItWrote() throws {
        let server = try seeded()
        let out = try CLI.ok(["log", "checkout", "order \"2\"", "--severity", "40", "--json"], server: server)
        #expect(JSONKeys.objects(in: out.stdout, depth: 1) == [Self.logKeys])
        let written = try #require(try CLI.json(out.stdout) as? [String: String])
        #expect(written["name"] == "checkout" && written["severity"] == "error" && written["message"] == "order \"2\"")
        let read = try #require((try CLI.json(CLI.ok(["logs", "checkout", "--json"], server: server).stdout) as? [[String: String]])?.first)
        #expect(read == written)
        // Without --json it stays silent, as before.
        #expect(try CLI.ok(["log", "checkout", "quiet"], server: server).stdout.isEmpty)
    }

    @Test func auditShape() throws {
        let server = try seeded()
        try CLI.ok(["kill", "useNewAlgorithm", "--reason", "why not", "--actor", "me@here"], server: server)
        try CLI.ok(["restore", "useNewAlgorithm", "--actor", "me@here"], server: server)
        let out = try CLI.ok(["audit", "--json"], server: server)
        #expect(JSONKeys.objects(in: out.stdout, depth: 2) == [Self.auditKeys, Self.auditKeys])
        let entries = try #require(Self.strings(try CLI.json(out.stdout)))
        // Newest first.
        #expect(entries.map { $0["action"] } == ["restore", "kill"])
        let kill = entries[1]
        #expect(kill["toggle"] == "useNewAlgorithm")
        #expect(kill["actor"] == "me@here")
        #expect(kill["reason"] == "why not")
        #expect(kill["before"] == "toggle=True")
        // `time` is the stream id's milliseconds as ISO 8601 UTC.
        let ms = try #require(kill["id"]?.split(separator: "-").first.flatMap { Double($0) })
        let time = try #require(kill["time"].flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(abs(time.timeIntervalSince1970 - ms / 1000) < 1)
        // --limit and --toggle.
        let limited = try #require(Self.strings(try CLI.json(CLI.ok(["audit", "--json", "--limit", "1"], server: server).stdout)))
        #expect(limited.map { $0["action"] } == ["restore"])
        try CLI.ok(["set", "other", "--on"], server: server)
        let filtered = try #require(Self.strings(try CLI.json(CLI.ok(["audit", "--json", "--toggle", "other"], server: server).stdout)))
        #expect(filtered.map { $0["action"] } == ["create"])
    }

    @Test func toggleJSONIncludesHistory() throws {
        let server = try seeded()
        try CLI.ok(["kill", "useNewAlgorithm", "--reason", "r1"], server: server)
        try CLI.ok(["restore", "useNewAlgorithm", "--reason", "r2"], server: server)
        try CLI.ok(["set", "unrelated", "--on"], server: server)
        let out = try CLI.ok(["toggle", "useNewAlgorithm", "--json"], server: server)
        let keys = try #require(JSONKeys.objects(in: out.stdout, depth: 1).first)
        #expect(Array(keys.prefix(Self.toggleKeys.count)) == Self.toggleKeys)
        #expect(keys.contains("history"))
        let object = try #require(try CLI.json(out.stdout) as? [String: Any])
        let history = try #require(Self.strings(object["history"]))
        #expect(history.map { $0["reason"] } == ["r2", "r1"])
        #expect(history.allSatisfy { $0["toggle"] == "useNewAlgorithm" })
        #expect(JSONKeys.objects(in: out.stdout, depth: 3) == [Self.auditKeys, Self.auditKeys])
        #expect(object["state"] as? String == "ON")
        let text = try CLI.ok(["toggle", "useNewAlgorithm"], server: server)
        #expect(text.lines.contains { $0.contains("restore") && $0.contains("r2") })
    }
}
