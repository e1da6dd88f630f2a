@testable import FlagtopDashboard
import FlagtopCore
import FlagtopTestSupport
import FlagtopUI
import Foundation
import Testing

/// The writer: kills land atomically with their audit entry, failures claim nothing, write access is detected
/// without writing anything, and re-checked so a promoted replica gets K back.
@Suite struct WriterTests {
    static let auditKey = "flagtop:audit:{useNewAlgorithm}"

    func writer(_ settings: FlagtopSettings) -> ToggleWriter { ToggleWriter(settings: settings) }

    @Test func killWritesToggleAndAuditTogether() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5", "fingerprint", "John S", "override", "fb-user"])
        let settings = FlagtopSettings(endpoint: server.endpoint, actor: "oncall@host")
        let connection = try server.connection()
        let report = DashboardWriter.perform(WriteJob(action: .kill, toggle: "useNewAlgorithm", reason: "errors rising"),
                                             writer: writer(settings), connection: connection)
        #expect(report.outcome == .done)
        #expect(report.state?.rawToggle == "False")
        guard case let .success(note) = DashboardWriter.result(of: report) else { Issue.record("\(report)"); return }
        #expect(note.hasPrefix("toggle is False"))
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "False\n")
        let audit = try server.redisCLI(["XRANGE", Self.auditKey, "-", "+"])
        #expect(audit.contains("kill"))
        #expect(audit.contains("errors rising"))
        #expect(audit.contains("oncall@host"))
        #expect(try server.redisCLI(["EXISTS", FlagtopSettings.auditKey]) == "0\n", "nothing goes to the shared stream any more")
    }

    @Test func killWhileServerIsDownClaimsNothing() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        let settings = FlagtopSettings(endpoint: server.endpoint, actor: "oncall@host", timeout: 0.5)
        let connection = RedisConnection(endpoint: server.endpoint, options: settings.connectionOptions(name: "w"))
        try connection.connect()
        server.process.crash()
        let report = DashboardWriter.perform(WriteJob(action: .kill, toggle: "useNewAlgorithm", reason: ""), writer: writer(settings), connection: connection)
        #expect(!report.isApplied)
        guard case let .failure(failure) = DashboardWriter.result(of: report) else { Issue.record("a kill without a server must fail"); return }
        #expect(failure.kind != .donePartly)
        try server.process.start()
        #expect(try server.redisCLI(["EXISTS", "useNewAlgorithm"]) == "0\n")
    }

    /// The probe of a read-only user says "denied" and writes nothing at all: same keys, same DBSIZE, and no write
    /// command in INFO commandstats (the old probe queued HSET/SADD/XADD in a MULTI; on main it even created them).
    @Test func probeDetectsReadOnlyUserWithoutWriting() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        try server.run("ACL", "SETUSER", "viewer", "on", ">pw", "~*", "&*", "+@read", "+@connection", "+@transaction", "-@dangerous", "+FT.SEARCH", "+FT.INFO")
        _ = try server.redisCLI(["CONFIG", "RESETSTAT"])
        var endpoint = server.endpoint
        endpoint.username = "viewer"
        endpoint.password = "pw"
        let viewer = RedisConnection(endpoint: endpoint, options: FlagtopSettings(endpoint: endpoint).connectionOptions(name: "probe"))
        let access = WriteAccessProbe.check(viewer, settings: FlagtopSettings(endpoint: endpoint))
        guard case let .denied(reason)? = access else { Issue.record("expected denied, got \(String(describing: access))"); return }
        #expect(reason.contains("ACL"))
        let admin = RedisConnection(endpoint: server.endpoint)
        #expect(WriteAccessProbe.check(admin, settings: FlagtopSettings(endpoint: server.endpoint)) == .allowed)
        #expect(try server.redisCLI(["DBSIZE"]) == "1\n")
        #expect(try server.redisCLI(["KEYS", "*"]) == "useNewAlgorithm\n")
        let stats = try server.redisCLI(["INFO", "commandstats"])
        // Queued-then-discarded or refused commands may be listed (rejected_calls), but none was executed.
        for write in ["hset", "sadd", "xadd", "exec", "eval", "evalsha", "del", "hdel"] {
            let line = stats.split(separator: "\r\n").first { $0.hasPrefix("cmdstat_\(write):") }
            #expect(line == nil || line!.hasPrefix("cmdstat_\(write):calls=0,"), "the probe ran \(write): \(line ?? "")")
        }
    }

    /// The user that made the old probe write for real: no MULTI (so HSET/SADD/XADD ran outside it) and no admin
    /// commands (no DRYRUN, no GETUSER). The probe now assumes "allowed" and sends no write at all.
    @Test func probeOfAUserWithoutMultiOrAdminWritesNothing() throws {
        let server = try TestServer(search: false)
        try server.run("ACL", "SETUSER", "writer", "on", ">pw", "~*", "&*", "+@all", "-multi", "-@admin")
        _ = try server.redisCLI(["CONFIG", "RESETSTAT"])
        var endpoint = server.endpoint
        endpoint.username = "writer"
        endpoint.password = "pw"
        let settings = FlagtopSettings(endpoint: endpoint)
        let connection = RedisConnection(endpoint: endpoint, options: settings.connectionOptions(name: "probe"))
        let verdict = try #require(WriteAccessProbe.verdict(connection, settings: settings))
        #expect(verdict.access == .allowed && !verdict.established)
        let keys = try server.redisCLI(["KEYS", "*"])
        #expect(try server.redisCLI(["DBSIZE"]) == "0\n", "the probe created keys: \(keys)")
        let stats = try server.redisCLI(["INFO", "commandstats"])
        for write in ["hset", "sadd", "xadd", "exec", "eval"] {
            #expect(!stats.contains("cmdstat_\(write):calls=") || stats.contains("cmdstat_\(write):calls=0,"), "the probe ran \(write):\n\(stats)")
        }
    }

    @Test func deniedKillReportsPermissionAndChangesNothing() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        try server.run("ACL", "SETUSER", "viewer", "on", ">pw", "~*", "&*", "+@read", "+@connection", "+@transaction", "-@dangerous")
        var endpoint = server.endpoint
        endpoint.username = "viewer"
        endpoint.password = "pw"
        let settings = FlagtopSettings(endpoint: endpoint, actor: "viewer@host")
        let connection = RedisConnection(endpoint: endpoint, options: settings.connectionOptions(name: "w"))
        let report = DashboardWriter.perform(WriteJob(action: .kill, toggle: "useNewAlgorithm", reason: "x"), writer: writer(settings), connection: connection)
        #expect(report.permissionDenied)
        guard case let .failure(failure) = DashboardWriter.result(of: report) else { Issue.record("expected a denial"); return }
        #expect(failure.kind == .notDone)
        #expect(failure.message.contains("ACL"))
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "True\n")
        #expect(try server.redisCLI(["KEYS", "flagtop:*"]) == "\n")
    }

    /// A replica promoted under the dashboard (REPLICAOF NO ONE) gets K back: the probe runs again periodically.
    @Test func promotedReplicaEnablesWrites() throws {
        let master = try TestServer(search: false, tcp: true)
        let masterPort = try #require(master.process.port)
        let replica = try TestServer(search: false, tcp: true, extraArguments: ["--replicaof", "127.0.0.1", String(masterPort)])
        let accesses = Locked<[WriteAccess]>([])
        let writer = DashboardWriter(settings: FlagtopSettings(endpoint: replica.endpoint), onAccess: { a in accesses.update { $0.append(a) } }, onOutcome: { _ in })
        writer.probeInterval = 0.3
        writer.start()
        defer { writer.stop() }
        func waitFor(_ predicate: (WriteAccess) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(8)
            while Date() < deadline {
                if let last = accesses.get().last, predicate(last) { return true }
                usleep(50_000)
            }
            return false
        }
        #expect(waitFor { if case let .denied(reason) = $0 { reason.contains("read-only replica") && !reason.contains("ACL") } else { false } },
                "\(accesses.get())")
        _ = try replica.redisCLI(["REPLICAOF", "NO", "ONE"])
        #expect(waitFor { $0 == .allowed }, "\(accesses.get())")
    }

    /// A lost reply in the dashboard: read back, and shown as what Redis holds (old main: "failed … nothing changed").
    @Test func lostReplyIsShownAsWhatRedisHolds() throws {
        let server = try TestServer(search: false, tcp: true)
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        let proxy = try FaultProxy(upstreamPort: try #require(server.process.port), behaviour: .init(dropRepliesAfter: "acl_check_cmd"))
        defer { proxy.stop() }
        let endpoint = RedisEndpoint(address: .tcp(host: "127.0.0.1", port: proxy.port))
        let settings = FlagtopSettings(endpoint: endpoint, actor: "lost@test", timeout: 1)
        let connection = RedisConnection(endpoint: endpoint, options: settings.connectionOptions(name: "w"))
        let report = DashboardWriter.perform(WriteJob(action: .kill, toggle: "useNewAlgorithm", reason: "x"), writer: writer(settings), connection: connection)
        guard case .replyLost(.applied) = report.outcome else { Issue.record("\(report.outcome)"); return }
        guard case let .success(note) = DashboardWriter.result(of: report) else { Issue.record("\(report)"); return }
        #expect(note.contains("the reply was lost") && note.contains("toggle is False"), "\(note)")
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "False\n")
        #expect(try server.redisCLI(["XLEN", Self.auditKey]) == "1\n")
    }

    /// `q` while a kill is in flight: `settle` waits for the outcome and returns it to be printed on exit.
    @Test func settleWaitsForTheWriteInFlight() throws {
        let server = try TestServer(search: false, tcp: true)
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        let proxy = try FaultProxy(upstreamPort: try #require(server.process.port), behaviour: .init(hold: ("EVAL", 1.5)))
        defer { proxy.stop() }
        let endpoint = RedisEndpoint(address: .tcp(host: "127.0.0.1", port: proxy.port))
        let outcomes = Locked<[WriteOutcome]>([])
        let writer = DashboardWriter(settings: FlagtopSettings(endpoint: endpoint, actor: "q@test", timeout: 4), onAccess: { _ in }, onOutcome: { o in outcomes.update { $0.append(o) } })
        writer.start()
        defer { writer.stop() }
        writer.submit(WriteJob(action: .kill, toggle: "useNewAlgorithm", reason: "quit test"))
        usleep(400_000)
        #expect(outcomes.get().isEmpty, "the held write finished too early")
        let lines = writer.settle(timeout: 5)
        #expect(lines.count == 1 && lines.first?.contains("killed useNewAlgorithm") == true, "\(lines)")
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "False\n")
    }
}
