@testable import FlagtopDashboard
import FlagtopCore
import FlagtopTestSupport
import FlagtopUI
import Foundation
import Testing

/// The writer: kills land atomically with their audit entry, failures claim nothing, ACL denial is detected
/// without writing anything.
@Suite struct WriterTests {
    @Test func killWritesToggleAndAuditTogether() throws {
        let server = try TestServer()
        try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5", "fingerprint", "John S", "override", "fb-user"])
        let settings = FlagtopSettings(endpoint: server.endpoint, actor: "oncall@host")
        let connection = try server.connection()
        let result = DashboardWriter.perform(WriteJob(action: .kill, toggle: "useNewAlgorithm", reason: "errors rising"),
                                             store: ToggleStore(settings: settings), connection: connection)
        let toggle = try result.get()
        #expect(toggle.rawToggle == "False")
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "False\n")
        let audit = try server.redisCLI(["XRANGE", FlagtopSettings.auditKey, "-", "+"])
        #expect(audit.contains("kill"))
        #expect(audit.contains("errors rising"))
        #expect(audit.contains("oncall@host"))
    }

    @Test func killWhileServerIsDownClaimsNothing() throws {
        let server = try TestServer()
        try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        let settings = FlagtopSettings(endpoint: server.endpoint, actor: "oncall@host", timeout: 0.5)
        let connection = RedisConnection(endpoint: server.endpoint, options: settings.connectionOptions(name: "w"))
        try connection.connect()
        server.process.crash()
        let result = DashboardWriter.perform(WriteJob(action: .kill, toggle: "useNewAlgorithm", reason: ""),
                                             store: ToggleStore(settings: settings), connection: connection)
        guard case let .failure(error) = result else { Issue.record("a kill without a server must fail"); return }
        #expect(!error.message.isEmpty)
        try server.process.start()
        // The server restarted empty (no persistence), so nothing can have been written; the point is that the
        // writer reported failure rather than success.
        #expect(try server.redisCLI(["EXISTS", "useNewAlgorithm"]) == "0\n")
    }

    @Test func aclProbeDetectsReadOnlyUserWithoutWriting() throws {
        let server = try TestServer()
        try server.run("ACL", "SETUSER", "viewer", "on", ">pw", "~*", "&*", "+@read", "+@connection", "+@transaction", "-@dangerous", "+FT.SEARCH", "+FT.INFO")
        var endpoint = server.endpoint
        endpoint.username = "viewer"
        endpoint.password = "pw"
        let settings = FlagtopSettings(endpoint: endpoint, actor: "viewer@host")
        let viewer = RedisConnection(endpoint: endpoint, options: settings.connectionOptions(name: "probe"))
        let access = DashboardWriter.probeAccess(viewer, store: ToggleStore(settings: settings))
        guard case let .denied(reason)? = access else { Issue.record("expected denied, got \(String(describing: access))"); return }
        #expect(reason.contains("ACL"))
        let admin = RedisConnection(endpoint: server.endpoint)
        #expect(DashboardWriter.probeAccess(admin, store: ToggleStore(settings: FlagtopSettings(endpoint: server.endpoint))) == .allowed)
        // The probe never writes: no probe toggle, no registry, no audit entry.
        #expect(try server.redisCLI(["DBSIZE"]) == "0\n")
    }

    @Test func deniedKillReportsPermissionAndChangesNothing() throws {
        let server = try TestServer()
        try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        try server.run("ACL", "SETUSER", "viewer", "on", ">pw", "~*", "&*", "+@read", "+@connection", "+@transaction", "-@dangerous")
        var endpoint = server.endpoint
        endpoint.username = "viewer"
        endpoint.password = "pw"
        let settings = FlagtopSettings(endpoint: endpoint, actor: "viewer@host")
        let connection = RedisConnection(endpoint: endpoint, options: settings.connectionOptions(name: "w"))
        let result = DashboardWriter.perform(WriteJob(action: .kill, toggle: "useNewAlgorithm", reason: "x"),
                                             store: ToggleStore(settings: settings), connection: connection)
        guard case let .failure(error) = result else { Issue.record("expected a denial"); return }
        #expect(error.permissionDenied)
        #expect(error.message.contains("ACL"))
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "True\n")
        #expect(try server.redisCLI(["EXISTS", FlagtopSettings.auditKey]) == "0\n")
    }
}
