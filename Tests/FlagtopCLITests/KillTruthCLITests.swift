import FlagtopTestSupport
import Foundation
import Testing

/// Issue 12, "the kill switch tells the truth": every case seen on the old main, each asserting the printed
/// outcome, the exit status, Redis's state and the audit together.
@Suite struct KillTruthCLITests {
    static let audit = "flagtop:audit:{useNewAlgorithm}"

    /// A TCP server with the seeds' toggle and an ACL user named `user` with `rules` (password `pw`).
    func server(user: String? = nil, rules: [String] = []) throws -> (TestServer, Int) {
        let server = try Seeds.server(search: false, tcp: true)
        let port = try #require(server.process.port)
        if let user { _ = try server.redisCLI(["ACL", "SETUSER", user, "on", ">pw", "~*", "&*"] + rules) }
        _ = try server.redisCLI(Seeds.toggle)
        return (server, port)
    }

    func url(_ port: Int, _ user: String) -> String { "redis://\(user):pw@127.0.0.1:\(port)/0" }

    func toggle(_ server: TestServer) throws -> String? { try Seeds.hash(server, "useNewAlgorithm")["toggle"] }

    func xlen(_ server: TestServer, _ key: String = audit) throws -> Int64 { try server.run("XLEN", key).int ?? -1 }

    // MARK: ACL users (old main: -multi killed the toggle and exited 1; -multi -xadd killed it unaudited)

    @Test func userWithoutMultiKillsThroughTheScriptAndIsAudited() throws {
        let (server, port) = try server(user: "nomulti", rules: ["+@all", "-multi"])
        let out = try CLI.run(["kill", "useNewAlgorithm", "--reason", "r"], url: url(port, "nomulti"))
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("killed useNewAlgorithm: toggle is False"))
        #expect(try toggle(server) == "False")
        let entries = try Seeds.audit(server)
        #expect(entries.count == 1 && entries.first?["action"] == "kill" && entries.first?["redisUser"] == "nomulti")
    }

    @Test func userWithoutMultiAndXaddChangesNothing() throws {
        let (server, port) = try server(user: "noaudit", rules: ["+@all", "-multi", "-xadd"])
        let line = try CLI.failsWithOneLine(["kill", "useNewAlgorithm"], server: nil, url: url(port, "noaudit"))
        #expect(line.contains("kill useNewAlgorithm not done: denied by the Redis ACL"), "\(line)")
        #expect(line.contains("XADD") && line.contains("nothing changed"))
        #expect(try toggle(server) == "True")
        #expect(try Seeds.flagtopKeys(server).isEmpty)
    }

    @Test func userWithoutScriptsWritesWithMultiExec() throws {
        let (server, port) = try server(user: "noscript", rules: ["+@all", "-eval", "-evalsha"])
        let out = try CLI.run(["kill", "useNewAlgorithm", "--reason", "via multi"], url: url(port, "noscript"))
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("killed useNewAlgorithm"))
        #expect(out.stderr.contains("scripts are refused"), "the path taken is noted: \(out.stderr)")
        #expect(try toggle(server) == "False")
        #expect(try Seeds.audit(server).map { $0["reason"] } == ["via multi"])
    }

    @Test func userWithoutScriptsAndMultiWritesNothing() throws {
        let (server, port) = try server(user: "neither", rules: ["+@all", "-eval", "-evalsha", "-multi"])
        let line = try CLI.failsWithOneLine(["kill", "useNewAlgorithm"], server: nil, url: url(port, "neither"))
        #expect(line.contains("denied by the Redis ACL") && line.contains("cannot be atomic") && line.contains("nothing changed"), "\(line)")
        #expect(try toggle(server) == "True")
        #expect(try Seeds.flagtopKeys(server).isEmpty)
        // The commands were never sent outside a transaction.
        let stats = try server.redisCLI(["INFO", "commandstats"])
        #expect(!stats.contains("cmdstat_hset:calls=") || stats.contains("cmdstat_hset:calls=1,"), "only the seed's own HSET ran:\n\(stats)")
    }

    @Test func readOnlyUserIsDeniedWithNothingWritten() throws {
        let (server, port) = try server(user: "ro", rules: ["+@read", "+@connection"])
        let line = try CLI.failsWithOneLine(["kill", "useNewAlgorithm"], server: nil, url: url(port, "ro"))
        #expect(line.contains("denied by the Redis ACL"), "\(line)")
        #expect(try toggle(server) == "True")
        #expect(try Seeds.flagtopKeys(server).isEmpty)
    }

    // MARK: Planted stream ids (old main: exit 1 "XADD failed inside the transaction" with the toggle killed)

    @Test func plantedMaximalIdRefusesCleanly() throws {
        let (server, _) = try server()
        _ = try server.redisCLI(["XADD", Self.audit, "18446744073709551615-18446744073709551615", "x", "y"])
        let line = try CLI.failsWithOneLine(["kill", "useNewAlgorithm"], server: server)
        #expect(line.contains("entry id from the future") && line.contains(Self.audit) && line.contains("nothing changed"), "\(line)")
        #expect(try toggle(server) == "True")
        #expect(try xlen(server) == 1)
        // The same entry planted in the old shared stream no longer affects anything.
        _ = try server.redisCLI(["DEL", Self.audit])
        _ = try server.redisCLI(["XADD", "flagtop:audit", "18446744073709551615-18446744073709551615", "x", "y"])
        let out = try CLI.ok(["kill", "useNewAlgorithm"], server: server)
        #expect(out.stdout.hasPrefix("killed useNewAlgorithm"))
        #expect(try toggle(server) == "False")
        #expect(try xlen(server) == 1)
        // `flagtop audit` lists the kill (dated now, not in the far future) and notes the planted entry.
        let audit = try CLI.ok(["audit"], server: server)
        let rows = audit.lines.dropFirst()
        #expect(rows.count == 1 && rows.first?.contains(" kill ") == true, "\(audit.stdout)")
        #expect(!audit.stdout.contains("2100") && !audit.stdout.contains("584554"), "\(audit.stdout)")
        #expect(audit.stderr.contains("flagtop:audit: 1 entries without an action"), "\(audit.stderr)")
    }

    @Test func farFutureIdIsRefusedInsteadOfDatingEntriesIn2100() throws {
        let (server, _) = try server()
        _ = try server.redisCLI(["XADD", Self.audit, "4102444800000-0", "x", "y"]) // 2100-01-01
        let line = try CLI.failsWithOneLine(["kill", "useNewAlgorithm"], server: server)
        #expect(line.contains("entry id from the future"), "\(line)")
        #expect(try toggle(server) == "True")
        #expect(try xlen(server) == 1)
    }

    // MARK: Shared keys of the wrong type (old main: every kill disabled)

    @Test func wrongTypedRegistryAndLegacyAuditDoNotDisableKills() throws {
        let (server, _) = try server()
        _ = try server.redisCLI(["SET", "flagtop:audit", "x"])
        _ = try server.redisCLI(["SET", "flagtop:toggles", "x"])
        let out = try CLI.ok(["kill", "useNewAlgorithm", "--reason", "still works"], server: server)
        #expect(out.stdout.hasPrefix("killed useNewAlgorithm"))
        #expect(out.stderr.contains("registry flagtop:toggles was not updated"), "\(out.stderr)")
        #expect(try toggle(server) == "False")
        #expect(try Seeds.audit(server).map { $0["reason"] } == ["still works"])
        #expect(try server.redisCLI(["GET", "flagtop:audit"]) == "x\n" && server.redisCLI(["GET", "flagtop:toggles"]) == "x\n", "never overwritten")
        let audit = try CLI.ok(["audit"], server: server)
        #expect(audit.stdout.contains("still works"))
        #expect(audit.stderr.contains("flagtop:audit is not a stream; skipped"))
    }

    // MARK: Only toggles (old main: `kill session:…` wrote kill fields into the session)

    @Test func killRefusesKeysThatAreNotToggles() throws {
        let (server, _) = try server()
        _ = try server.redisCLI(Seeds.session)
        let before = try Seeds.hash(server, "session:4156e021:1234")
        let line = try CLI.failsWithOneLine(["kill", "session:4156e021:1234"], server: server)
        #expect(line == "flagtop: kill session:4156e021:1234 not done: session:4156e021:1234 is a hash without a toggle field — not a toggle. Nothing changed")
        #expect(try Seeds.hash(server, "session:4156e021:1234") == before)
        _ = try server.redisCLI(["SET", "plain", "v"])
        let string = try CLI.failsWithOneLine(["restore", "plain"], server: server)
        #expect(string.contains("plain is a string, not a hash — not a toggle"), "\(string)")
        #expect(try Seeds.flagtopKeys(server).isEmpty)
        // `set` still creates toggles.
        try CLI.ok(["set", "brandNew", "--on"], server: server)
        #expect(try Seeds.hash(server, "brandNew")["toggle"] == "True")
    }

    // MARK: Restore and second kill

    @Test func restoreOfAToggleThatWasNeverKilledSaysSo() throws {
        let (server, _) = try server()
        _ = try server.redisCLI(["HSET", "dormant", "toggle", "False"])
        let line = try CLI.failsWithOneLine(["restore", "dormant"], server: server)
        #expect(line.contains("dormant is off (toggle=False) but was never killed") && line.contains("set dormant --on"), "\(line)")
        #expect(try Seeds.hash(server, "dormant") == ["toggle": "False"])
        let on = try CLI.ok(["restore", "useNewAlgorithm"], server: server)
        #expect(on.stdout == "useNewAlgorithm is already on; nothing to restore\n")
        #expect(try Seeds.flagtopKeys(server).isEmpty)
    }

    @Test func aSecondKillKeepsTheFirstKillersReason() throws {
        let (server, _) = try server()
        try CLI.ok(["kill", "useNewAlgorithm", "--reason", "first: errors", "--actor", "alice"], server: server)
        let second = try CLI.ok(["kill", "useNewAlgorithm", "--reason", "second: me too", "--actor", "bob"], server: server)
        #expect(second.stderr.contains("already killed by alice") && second.stderr.contains("first: errors"), "\(second.stderr)")
        let fields = try Seeds.hash(server, "useNewAlgorithm")
        #expect(fields["killedBy"] == "alice" && fields["killReason"] == "first: errors")
        #expect(fields["updatedBy"] == "bob")
        #expect(try Seeds.audit(server).map { "\($0["actor"]!): \($0["reason"]!)" } == ["alice: first: errors", "bob: second: me too"])
    }

    // MARK: Who (old main: only the claimed actor)

    @Test func auditRecordsTheRedisUserAndClientBesideTheClaimedActor() throws {
        let (server, port) = try server(user: "oncall", rules: ["+@all"])
        try CLI.run(["kill", "useNewAlgorithm", "--actor", "someone-else@laptop"], url: url(port, "oncall")).expectStatus(0)
        let entry = try #require(try Seeds.audit(server).first)
        #expect(entry["actor"] == "someone-else@laptop")
        #expect(entry["redisUser"] == "oncall")
        #expect(entry["client"]?.hasPrefix("127.0.0.1:") == true, "\(entry)")
        let json = try CLI.run(["audit", "--json", "--url", url(port, "oncall")], url: nil)
        #expect(json.stdout.contains("\"redisUser\":\"oncall\"") || json.stdout.contains("\"redisUser\": \"oncall\""), "\(json.stdout)")
    }
}

extension CLI.Output {
    func expectStatus(_ status: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(self.status == status, "exit \(self.status): \(stdout) \(stderr)", sourceLocation: sourceLocation)
    }
}

/// `flagtop log` as a user without MULTI (old main: the line was written and the command exited 1).
@Suite struct LogWithoutMultiCLITests {
    @Test func logReportsWhatRedisDid() throws {
        let server = try Seeds.server(search: false, tcp: true)
        let port = try #require(server.process.port)
        _ = try server.redisCLI(["ACL", "SETUSER", "nomulti", "on", ">pw", "~*", "&*", "+@all", "-multi"])
        let out = try CLI.run(["log", "checkout", "order 1", "--url", "redis://nomulti:pw@127.0.0.1:\(port)/0"], url: nil)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try server.run("LLEN", "recent:checkout:info").int == 1)
        _ = try server.redisCLI(["ACL", "SETUSER", "nolpush", "on", ">pw", "~*", "&*", "+@all", "-multi", "-lpush"])
        let denied = try CLI.run(["log", "checkout", "order 2", "--url", "redis://nolpush:pw@127.0.0.1:\(port)/0"], url: nil)
        #expect(denied.status == 1 && denied.stderr.contains("lpush"), "\(denied.stderr)")
        #expect(try server.run("LLEN", "recent:checkout:info").int == 1)
    }
}

/// At `maxmemory` (noeviction) a kill still goes through (docs/data-layout.md, "Writes"), while ordinary writes are refused.
@Suite struct KillAtMaxmemoryCLITests {
    @Test func killGoesThroughWhenRedisIsOutOfMemory() throws {
        let server = try Seeds.server(search: false)
        _ = try server.redisCLI(Seeds.toggle)
        _ = try server.redisCLI(["CONFIG", "SET", "maxmemory-policy", "noeviction"])
        _ = try server.redisCLI(["CONFIG", "SET", "maxmemory", "1"])
        defer { _ = try? server.redisCLI(["CONFIG", "SET", "maxmemory", "0"]) }
        #expect(try server.redisCLI(["SET", "filler", "x"]).hasPrefix("OOM"), "the server is not out of memory")
        let out = try CLI.run(["kill", "useNewAlgorithm", "--reason", "oom"], server: server)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("killed useNewAlgorithm"))
        #expect(try Seeds.hash(server, "useNewAlgorithm")["toggle"] == "False")
        #expect(try Seeds.audit(server).map { $0["reason"] } == ["oom"])
    }
}
