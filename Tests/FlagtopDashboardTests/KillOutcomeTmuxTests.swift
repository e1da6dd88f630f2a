import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The real dashboard with a kill in flight (the write held by a proxy): `q` waits for the outcome and prints it
/// after the screen is restored (old main: exited silently, and the kill landed later).
@Suite(.serialized) struct KillOutcomeTmuxTests {
    @Test func quitWhileKillingPrintsTheOutcome() throws {
        let server = try TestServer(tcp: true)
        _ = try server.redisCLI(FaultHarness.toggle)
        // Only the write script is held (its text contains acl_check_cmd), not the polls or the access probe.
        let proxy = try FaultProxy(upstreamPort: try #require(server.process.port), behaviour: .init(hold: ("acl_check_cmd", 2)))
        defer { proxy.stop() }
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("flagtop-quit-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: errFile) }
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) dashboard --interval 0.5 --timeout 4 2>\(errFile); echo \"[status $?]\"",
                                   environment: ["FLAGTOP_REDIS_URL": proxy.url()])
        #expect(tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains(" ON ") }.ok)
        tmux.send("K")
        #expect(tmux.waitFor { $0.contains("Kill useNewAlgorithm?") }.ok)
        tmux.send("y")
        #expect(tmux.waitFor(timeout: 2) { $0.contains("killing useNewAlgorithm") }.ok)
        tmux.send("q")
        let done = tmux.waitFor(timeout: 10) { $0.contains("[status") }
        #expect(done.ok && done.screen.contains("[status 0]"), "\(done.screen)")
        let stderr = String(decoding: FileManager.default.contents(atPath: errFile) ?? Data(), as: UTF8.self)
        #expect(stderr.hasPrefix("flagtop: killed useNewAlgorithm: toggle is False"), "stderr: \(stderr)")
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "False\n")
        #expect(try server.redisCLI(["XLEN", "flagtop:audit:{useNewAlgorithm}"]) == "1\n")
    }
}

/// A dashboard on a replica: K is off because the server is a read-only replica (not "ACL"); once the replica is
/// promoted under it (REPLICAOF NO ONE), the periodic check gives K back (old main: READ-ONLY for good).
@Suite(.serialized) struct PromotedReplicaTmuxTests {
    @Test func promotionEnablesK() throws {
        let master = try TestServer(search: false, tcp: true)
        let replica = try TestServer(search: false, tcp: true, extraArguments: ["--replicaof", "127.0.0.1", String(try #require(master.process.port))])
        _ = try master.redisCLI(FaultHarness.toggle)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, try replica.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) != "True\n" { usleep(100_000) }
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) dashboard --interval 0.5", environment: ["FLAGTOP_REDIS_URL": replica.url])
        let badge = tmux.waitFor { FaultHarness.header($0).contains("READ-ONLY (replica)") && $0.contains("useNewAlgorithm") }
        #expect(badge.ok, "\(badge.screen)")
        tmux.send("K")
        let off = tmux.waitFor { $0.contains("K (kill) is off") && $0.contains("read-only replica") }
        #expect(off.ok && !off.screen.contains("ACL"), "\(off.screen)")
        _ = try replica.redisCLI(["REPLICAOF", "NO", "ONE"])
        let back = tmux.waitFor(timeout: 12) { !FaultHarness.header($0).contains("READ-ONLY") }
        #expect(back.ok, "K never came back:\n\(back.screen)")
        tmux.send("K")
        #expect(tmux.waitFor { $0.contains("Kill useNewAlgorithm?") }.ok)
        tmux.send("y")
        #expect(tmux.waitFor { $0.contains("killed useNewAlgorithm") }.ok)
        #expect(try replica.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "False\n")
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("[exited 0]") }.ok)
    }
}
