import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// Ctrl-Z suspends the dashboard like htop and k9s: the shell gets the terminal back, and `fg` brings the
/// dashboard back drawn in full.
@Suite(.serialized) struct SuspendTmuxTests {
    @Test func ctrlZGivesTheShellBackAndFgRedraws() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        // An interactive shell, so the dashboard runs as a job that can be stopped and resumed.
        let tmux = try TmuxSession(
            command: "env PS1='shell-ready> ' bash --norc --noprofile -i",
            environment: ["FLAGTOP_REDIS_URL": server.url])
        #expect(tmux.waitFor { $0.contains("shell-ready>") }.ok)
        tmux.type("\(FlagtopBinary.path) dashboard")
        tmux.send("Enter")
        let shown = tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains("Toggles") }
        #expect(shown.ok, "dashboard never drew:\n\(shown.screen)")

        tmux.send("C-z")
        let suspended = tmux.waitFor { $0.contains("Stopped") && $0.contains("shell-ready>") || $0.contains("Stopped") && $0.contains("shell-ready>") && !$0.contains("Toggles") }
        #expect(suspended.ok, "Ctrl-Z did not give the shell back:\n\(suspended.screen)")
        // The shell works while the dashboard is stopped.
        tmux.type("echo still-$((40+2))")
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("still-42") }.ok)

        tmux.type("fg")
        tmux.send("Enter")
        let back = tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains("Toggles") && !$0.contains("still-42") }
        #expect(back.ok, "fg did not redraw the dashboard:\n\(back.screen)")
        // And it still answers keys.
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("shell-ready>") && !$0.contains("Toggles") }.ok)
        tmux.kill()
    }
}
