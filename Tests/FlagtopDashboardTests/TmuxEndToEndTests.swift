import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The real binary in tmux against a private redis-server: the kill switch on a keypress, and resizing.
@Suite(.serialized) struct TmuxEndToEndTests {
    @Test func killFromTheToggleListWithKThenY() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5", "fingerprint", "John S", "override", "fb-user"])
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) dashboard --actor oncall@test", environment: ["FLAGTOP_REDIS_URL": server.url])
        let shown = tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains("ON") }
        #expect(shown.ok, "dashboard never showed the toggle:\n\(shown.screen)")
        tmux.send("1")
        tmux.send("K")
        let box = tmux.waitFor { $0.contains("Kill useNewAlgorithm?") }
        #expect(box.ok, "no confirm box:\n\(box.screen)")
        #expect(box.screen.contains("currently ON"))
        tmux.send("y")
        let done = tmux.waitFor { $0.contains("killed useNewAlgorithm") && $0.contains("KILLED") }
        #expect(done.ok, "screen did not confirm the kill:\n\(done.screen)")
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "False\n")
        let audit = try server.redisCLI(["XRANGE", "flagtop:audit:{useNewAlgorithm}", "-", "+"])
        #expect(audit.contains("kill") && audit.contains("oncall@test"))
        tmux.send("q")
        let exited = tmux.waitFor { $0.contains("[exited 0]") }
        #expect(exited.ok, "q did not quit:\n\(exited.screen)")
    }

    @Test func anyOtherKeyCancelsTheKill() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) dashboard", environment: ["FLAGTOP_REDIS_URL": server.url])
        #expect(tmux.waitFor { $0.contains("useNewAlgorithm") }.ok)
        tmux.send("K")
        #expect(tmux.waitFor { $0.contains("Kill useNewAlgorithm?") }.ok)
        tmux.send("n")
        #expect(tmux.waitFor { !$0.contains("Kill useNewAlgorithm?") }.ok)
        usleep(300_000)
        #expect(try server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "True\n")
        #expect(try server.redisCLI(["KEYS", "flagtop:audit*"]) == "\n")
    }

    @Test func resizeTo20x5AndBack() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) dashboard", environment: ["FLAGTOP_REDIS_URL": server.url])
        #expect(tmux.waitFor { $0.contains("useNewAlgorithm") }.ok)
        tmux.resize(width: 20, height: 5)
        let small = tmux.waitFor { $0.contains("too small") }
        #expect(small.ok, "no too-small screen:\n\(small.screen)")
        tmux.resize(width: 160, height: 48)
        let back = tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains("Toggles") }
        #expect(back.ok, "did not come back:\n\(back.screen)")
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("[exited 0]") }.ok)
    }

    @Test func outsideHSETShowsWithinOneRefresh() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) dashboard --interval 1", environment: ["FLAGTOP_REDIS_URL": server.url])
        #expect(tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains(" ON ") }.ok)
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "False"])
        let started = Date()
        let off = tmux.waitFor(timeout: 5) { $0.contains(" OFF ") }
        #expect(off.ok, "outside change not shown:\n\(off.screen)")
        #expect(Date().timeIntervalSince(started) < 2.5)
    }

    /// The defect from issue 18: `/useNewAlgorithm` Enter, then Esc, moved the selection to the first row, so
    /// the next `K` offered to kill another toggle. The selection stays on the item the filter found.
    @Test func clearingAFilterKeepsTheSelectedToggleForK() throws {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "aardvark", "toggle", "True"])
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True"])
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) dashboard", environment: ["FLAGTOP_REDIS_URL": server.url])
        #expect(tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains("aardvark") }.ok)
        tmux.send("/")
        tmux.type("useNewAlgorithm")
        tmux.send("Enter")
        #expect(tmux.waitFor { !$0.contains("aardvark") }.ok)
        tmux.send("Escape")
        #expect(tmux.waitFor { $0.contains("aardvark") }.ok)
        tmux.send("K")
        let box = tmux.waitFor { $0.contains("Kill ") && $0.contains("?") }
        #expect(box.screen.contains("Kill useNewAlgorithm?"), "the box offers another toggle:\n\(box.screen)")
        tmux.send("n")
        #expect(try server.redisCLI(["HGET", "aardvark", "toggle"]) == "True\n")
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("[exited 0]") }.ok)
    }
}
