import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The dashboard over TLS: live changes arrive (the poller and its tracking sink both speak TLS), and K kills.
@Suite(.serialized) struct TLSDashboardTests {
    @Test func liveChangeAndKillOverTLS() throws {
        let tls = try TLSTestServer()
        try tls.server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5"])
        let command = "\(FlagtopBinary.path) dashboard --interval 1 --actor oncall@tls --cacert \(tls.certificates.caFile)"
        let tmux = try TmuxSession(command: command, environment: ["FLAGTOP_REDIS_URL": tls.url])
        let shown = tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains(" ON ") }
        #expect(shown.ok, "dashboard over TLS never showed the toggle:\n\(shown.screen)")
        #expect(shown.screen.contains("rediss://127.0.0.1:\(tls.port)"), "header should name the TLS server:\n\(shown.screen)")
        // An outside write: the tracking sink (over TLS too) reports it, so it shows within a refresh or two.
        try tls.server.redisCLI(["HSET", "useNewAlgorithm", "releaseNum", "2.6"])
        let changed = tmux.waitFor(timeout: 5) { $0.contains("2.6") }
        #expect(changed.ok, "outside change not shown over TLS:\n\(changed.screen)")
        tmux.send("1")
        tmux.send("K")
        #expect(tmux.waitFor { $0.contains("Kill useNewAlgorithm?") }.ok)
        tmux.send("y")
        let done = tmux.waitFor { $0.contains("killed useNewAlgorithm") && $0.contains("KILLED") }
        #expect(done.ok, "kill over TLS not confirmed:\n\(done.screen)")
        #expect(try tls.server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "False\n")
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("[exited 0]") }.ok)
        // Every connection the dashboard opened spoke TLS: the server counts no plain TCP clients.
        let clients = try tls.server.redisCLI(["CLIENT", "LIST"])
        #expect(!clients.contains("name=flagtop"), "dashboard connections still open after q:\n\(clients)")
    }
}
