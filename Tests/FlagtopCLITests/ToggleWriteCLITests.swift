import FlagtopTestSupport
import Foundation
import Testing

/// `set`, `kill`, `restore`: the HSET and the audit XADD in one MULTI/EXEC, read back with redis-cli.
@Suite struct ToggleWriteCLITests {
    static let seedFields: Set = ["toggle", "releaseNum", "fingerprint", "override"]

    @Test func killWritesTheKillFieldsAndAnAuditEntry() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        let before = Date()
        let out = try CLI.ok(["kill", "useNewAlgorithm", "--reason", "errors rising on 2.5", "--actor", "oncall@ops"], server: server)
        #expect(out.stdout.contains("killed useNewAlgorithm"))
        let fields = try server.hash("useNewAlgorithm")
        #expect(Set(fields.keys) == Self.seedFields.union(["killedAt", "killedBy", "killReason", "updatedAt", "updatedBy"]))
        #expect(fields["toggle"] == "False")
        #expect(fields["releaseNum"] == "2.5")
        #expect(fields["fingerprint"] == "John S")
        #expect(fields["override"] == "fb-user")
        #expect(fields["killedBy"] == "oncall@ops")
        #expect(fields["killReason"] == "errors rising on 2.5")
        #expect(fields["updatedBy"] == "oncall@ops")
        let killedAt = try #require(fields["killedAt"].flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(abs(killedAt.timeIntervalSince(before)) < 5)
        let audit = try Seeds.audit(server)
        #expect(audit.count == 1)
        let entry = try #require(audit.first)
        #expect(entry["action"] == "kill")
        #expect(entry["toggle"] == "useNewAlgorithm")
        #expect(entry["actor"] == "oncall@ops")
        #expect(entry["reason"] == "errors rising on 2.5")
        #expect(entry["before"] == "toggle=True")
        #expect(entry["after"]?.hasPrefix("toggle=False, killedAt=") == true)
        #expect(Set(entry.keys) == ["action", "toggle", "before", "after", "actor", "reason", "redisUser", "client", "op"])
        #expect(entry["redisUser"] == "default")
        #expect(entry["client"]?.hasSuffix(":0") == true, "the unix-socket client address as the server saw it")
        // Shown as KILLED afterwards.
        #expect(try CLI.ok(["toggles"], server: server).lines.contains { $0.hasPrefix("useNewAlgorithm ") && $0.contains(" KILLED ") })
    }

    @Test func restoreUndoesTheKill() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        try CLI.ok(["kill", "useNewAlgorithm", "--reason", "bad"], server: server)
        let out = try CLI.ok(["restore", "useNewAlgorithm", "--reason", "fix deployed", "--actor", "dev@laptop"], server: server)
        #expect(out.stdout.contains("restored useNewAlgorithm"))
        let fields = try server.hash("useNewAlgorithm")
        #expect(Set(fields.keys) == Self.seedFields.union(["updatedAt", "updatedBy"]))
        #expect(fields["toggle"] == "True")
        #expect(fields["updatedBy"] == "dev@laptop")
        let audit = try Seeds.audit(server)
        #expect(audit.map { $0["action"] } == ["kill", "restore"])
        let restore = audit[1]
        #expect(restore["reason"] == "fix deployed")
        #expect(restore["actor"] == "dev@laptop")
        #expect(restore["before"]?.hasPrefix("toggle=False") == true)
        #expect(restore["before"]?.contains("killedAt=") == true)
        #expect(restore["after"]?.hasPrefix("toggle=True") == true)
        // The default actor is $USER@hostname.
        #expect(audit[0]["actor"]?.hasPrefix("cli-tester@") == true)
    }

    @Test func setCreatesAndChanges() throws {
        let server = try Seeds.server()
        try CLI.ok(["set", "newCheckoutFlow", "--on", "--release", "2.6", "--fingerprint", "Stephanie B, Ann K", "--override", "fb-user",
                    "--rollout", "30", "--stickiness", "email", "--reason", "canary", "--actor", "rm@ci"], server: server)
        let fields = try server.hash("newCheckoutFlow")
        #expect(fields["toggle"] == "True")
        #expect(fields["releaseNum"] == "2.6")
        #expect(fields["fingerprint"] == "Stephanie B, Ann K")
        #expect(fields["override"] == "fb-user")
        #expect(fields["rollout"] == "30")
        #expect(fields["stickiness"] == "email")
        #expect(try server.run("SISMEMBER", "flagtop:toggles", "newCheckoutFlow").int == 1)
        try CLI.ok(["set", "newCheckoutFlow", "--off", "--override", "", "--actor", "rm@ci"], server: server)
        let after = try server.hash("newCheckoutFlow")
        #expect(after["toggle"] == "False")
        #expect(after["override"] == nil, "an empty value removes the field")
        #expect(after["rollout"] == "30")
        let audit = try Seeds.audit(server, toggle: "newCheckoutFlow")
        #expect(audit.map { $0["action"] } == ["create", "set"])
        #expect(audit[0]["before"] == "")
        #expect(audit[0]["after"]?.hasPrefix("toggle=True, releaseNum=2.6, fingerprint=Stephanie B, Ann K, override=fb-user, rollout=30, stickiness=email") == true)
        #expect(audit[0]["reason"] == "canary")
        #expect(audit[1]["before"]?.hasPrefix("toggle=True") == true)
        #expect(audit[1]["before"]?.contains("override=fb-user") == true)
        #expect(audit[1]["after"]?.hasPrefix("toggle=False") == true)
    }

    /// Each write is one EVAL: inside it (MONITOR's `[0 lua]` lines) the audit XADD into the toggle's own stream
    /// comes right before the HSET; no client sends HSET or XADD on its own, and nothing WATCHes a shared key.
    @Test func writesAreOneScriptWithTheAuditXAdd() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        let monitor = try BackgroundProcess("/usr/bin/env", ["redis-cli", "-s", server.process.socketPath, "MONITOR"])
        defer { monitor.terminate() }
        #expect(monitor.waitFor { $0.contains("OK") })
        try CLI.ok(["set", "useNewAlgorithm", "--release", "2.6"], server: server)
        try CLI.ok(["kill", "useNewAlgorithm"], server: server)
        try CLI.ok(["restore", "useNewAlgorithm"], server: server)
        #expect(monitor.waitFor { $0.components(separatedBy: "[0 lua] \"HSET\"").count - 1 >= 3 })
        let lines = monitor.output.split(separator: "\n").map(String.init)
        let lua = lines.filter { $0.contains("[0 lua]") }
        let clients = lines.filter { !$0.contains("[0 lua]") }
        #expect(clients.filter { $0.contains("\"EVAL\"") }.count == 3)
        #expect(!clients.contains { $0.contains("\"HSET\"") || $0.contains("\"XADD\"") || $0.contains("\"MULTI\"") })
        #expect(!clients.contains { $0.contains("\"WATCH\"") }, "nothing WATCHes")
        let hsets = lua.indices.filter { lua[$0].contains("\"HSET\" \"useNewAlgorithm\"") }
        #expect(hsets.count == 3)
        for i in hsets {
            #expect(i > 0 && lua[i - 1].contains("\"XADD\" \"flagtop:audit:{useNewAlgorithm}\" \"MAXLEN\" \"~\" \"1000\" \"*\""), "\(lua)")
        }
    }

    @Test func killOfAMissingToggleFailsWithOneLine() throws {
        let server = try Seeds.server()
        let line = try CLI.failsWithOneLine(["kill", "noSuchToggle"], server: server)
        #expect(line.contains("noSuchToggle"))
        #expect(line.contains("not found"))
        #expect(try server.run("EXISTS", "noSuchToggle").int == 0 && Seeds.flagtopKeys(server).isEmpty)
        _ = try CLI.failsWithOneLine(["restore", "noSuchToggle"], server: server)
        #expect(try server.run("EXISTS", "noSuchToggle").int == 0 && Seeds.flagtopKeys(server).isEmpty)
    }

    @Test func failureMessagesAreSanitised() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(["SET", "session:\u{1B}]52;c;evil\u{07}", "x"])
        let kill = try CLI.failsWithOneLine(["kill", "\u{1B}[31mred"], server: server)
        #expect(!kill.contains("\u{1B}"))
        #expect(kill.hasPrefix("flagtop: "))
        let session = try CLI.failsWithOneLine(["session", "\u{1B}]52;c;evil\u{07}"], server: server)
        #expect(!session.contains("\u{1B}") && !session.contains("\u{07}"))
    }

    @Test func readOnlyRefusesWrites() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        let line = try CLI.failsWithOneLine(["kill", "useNewAlgorithm", "--read-only"], server: server)
        #expect(line.contains("read-only"))
        #expect(try Seeds.hash(server, "useNewAlgorithm")["toggle"] == "True")
        #expect(try Seeds.flagtopKeys(server).isEmpty)
    }

    @Test func argumentErrorsAreReportedByTheParser() throws {
        let server = try Seeds.server()
        let out = try CLI.run(["set", "x", "--rollout", "101"], server: server)
        #expect(out.status == 64)
        #expect(out.stderr.contains("rollout"))
        #expect(try server.run("EXISTS", "x").int == 0)
        let both = try CLI.run(["set", "x", "--on", "--off"], server: server)
        #expect(both.status == 64)
    }
}
