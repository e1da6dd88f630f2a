import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The dashboard as a read-only ACL user, and with wrong credentials.
@Suite(.serialized) struct FaultACLTests {
    /// A TCP server with the `viewer` user (reads and search, no transactions, no writes) and one toggle.
    func server() throws -> (TestServer, Int) {
        let server = try TestServer(tcp: true)
        try server.addUser("viewer", password: "pw-viewer", rules: TestServer.readOnlyUserRules)
        try server.redisCLI(Seeds.toggle)
        return (server, try server.tcpPort())
    }

    @Test func readOnlyUserGetsAWorkingDashboardWithKGreyed() throws {
        let (server, port) = try server()
        try #require(server.searchLoaded)
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) dashboard --interval 0.5",
                                   environment: ["FLAGTOP_REDIS_URL": "redis://viewer:pw-viewer@127.0.0.1:\(port)/0"])
        let shown = tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains(" ON ") && FaultHarness.header($0).contains("RediSearch") }
        #expect(shown.ok, "no toggles or no RediSearch in the header:\n\(shown.screen)")
        #expect(!shown.screen.contains("pw-viewer"))
        // This user may run neither ACL DRYRUN, MULTI nor ACL GETUSER, so nothing can tell the dashboard in advance
        // without writing: the first kill is tried, refused by the ACL with nothing written, and says so.
        tmux.send("K")
        #expect(tmux.waitFor { $0.contains("Kill useNewAlgorithm?") }.ok)
        tmux.send("y")
        let failed = tmux.waitFor { $0.contains("kill useNewAlgorithm failed: denied by the Redis ACL") }
        #expect(failed.ok, "the refused kill was not reported:\n\(failed.screen)")
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "True\n")
        #expect(try server.redisCLI(["KEYS", "flagtop:*"]) == "\n", "a refused kill wrote something")
        // From then on K is off, with the reason.
        let badge = tmux.waitFor { FaultHarness.header($0).contains("READ-ONLY (ACL)") }
        #expect(badge.ok, "no ACL badge after the refused kill:\n\(badge.screen)")
        tmux.send("K")
        let refused = tmux.waitFor { $0.contains("K (kill) is off") }
        #expect(refused.ok, "K did not say why it is off:\n\(refused.screen)")
        #expect(refused.screen.contains("ACL") || refused.screen.contains("denied"), "\(refused.screen)")
        #expect(!refused.screen.contains("Kill useNewAlgorithm?"), "a confirm box opened:\n\(refused.screen)")
        tmux.send("y")
        tmux.send("?")
        let help = tmux.waitFor { $0.contains("flagtop keys") && $0.contains("K and R are off") }
        #expect(help.ok, "help does not grey K/R:\n\(help.screen)")
        #expect(help.screen.components(separatedBy: "off — writes denied").count >= 3, "K and R should each carry the reason:\n\(help.screen)")
        tmux.send("Escape")
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "True\n")
        #expect(try server.redisCLI(["KEYS", "flagtop:*"]) == "\n")
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("[exited 0]") }.ok)
    }

    @Test func wrongPasswordEndsTheDashboardWithOneLine() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let secret = "pw-WRONG-4242"
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("flagtop-auth-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: errFile) }
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) 2>\(errFile); echo \"[status $?]\"",
                                   environment: ["FLAGTOP_REDIS_URL": "redis://viewer:\(secret)@127.0.0.1:\(port)/0"])
        let done = tmux.waitFor { $0.contains("[exited") }
        #expect(done.ok, "\(done.screen)")
        #expect(done.screen.contains("[status 1]"), "\(done.screen)")
        let stderr = String(decoding: FileManager.default.contents(atPath: errFile) ?? Data(), as: UTF8.self)
        let lines = stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(stderr)")
        #expect(lines.first?.hasPrefix("flagtop: ") == true && lines.first?.lowercased().contains("auth") == true, "stderr: \(stderr)")
        #expect(!stderr.contains(secret) && !stderr.contains("4242") && !done.screen.contains(secret), "stderr: \(stderr)")
        #expect(!done.screen.contains("Toggles"), "the dashboard opened:\n\(done.screen)")
    }

    @Test func unreachableServerStillOpensTheDashboardDisconnected() throws {
        let server = try TestServer()
        let url = server.url
        server.stop()
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) --timeout 0.5", environment: ["FLAGTOP_REDIS_URL": url])
        let shown = tmux.waitFor { FaultHarness.header($0).contains("DISCONNECTED") }
        #expect(shown.ok, "should open disconnected:\n\(shown.screen)")
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("[exited 0]") }.ok)
    }
}
