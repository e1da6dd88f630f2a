import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The real binary in tmux while its Redis dies, stalls, drops connections or loses its data.
@Suite(.serialized) struct FaultTmuxTests {
    @Test func serverKilledShowsDisconnectedStaysResponsiveAndReconnects() throws {
        let h = try FaultHarness()
        h.server.process.crash()
        let down = h.tmux.waitFor(timeout: 8) { FaultHarness.header($0).contains("DISCONNECTED") && $0.contains("(stale)") }
        #expect(down.ok, "no disconnected header / stale panes:\n\(down.screen)")
        #expect(FaultHarness.header(down.screen).contains("retry in") || FaultHarness.header(down.screen).contains("retrying"), "\(down.screen)")
        #expect(down.screen.contains("useNewAlgorithm"), "the last data should stay on screen")
        h.expectKeysAnswered()

        // A kill while disconnected fails on screen and claims nothing.
        h.tmux.send("K")
        #expect(h.tmux.waitFor { $0.contains("Kill useNewAlgorithm?") }.ok)
        h.tmux.send("y")
        let failed = h.tmux.waitFor(timeout: 8) { $0.contains("kill useNewAlgorithm failed") }
        #expect(failed.ok, "no failure shown:\n\(failed.screen)")
        #expect(!failed.screen.contains("killed "), "\(failed.screen)")
        try h.server.process.start()
        _ = try h.server.redisCLI(FaultHarness.toggle)
        h.expectRecovered(timeout: 15)
        let screen = h.tmux.capture()
        #expect(!screen.contains("killed "), "\(screen)")
        #expect(try h.server.redisCLI(["KEYS", "flagtop:audit*"]) == "\n")
        h.expectCleanQuit()
    }

    @Test func clientPauseKeepsKeysAnsweredAndRecovers() throws {
        let h = try FaultHarness()
        try h.server.run("CLIENT", "PAUSE", 5000)
        usleep(1_200_000)  // let a refresh hang on the paused server
        h.expectKeysAnswered()
        h.expectRecovered(timeout: 15)
        // Fresh data: an outside change shows.
        _ = try h.server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "False"])
        #expect(h.tmux.waitFor { $0.contains(" OFF ") }.ok)
        h.expectCleanQuit()
    }

    @Test func debugSleepKeepsKeysAnsweredAndRecovers() throws {
        let h = try FaultHarness()
        let sleeper = Thread { [server = h.server] in _ = try? server.redisCLI(["DEBUG", "SLEEP", "3"]) }
        sleeper.start()
        usleep(1_000_000)
        h.expectKeysAnswered()
        h.expectRecovered(timeout: 15)
        _ = try h.server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "False"])
        #expect(h.tmux.waitFor { $0.contains(" OFF ") }.ok)
        h.expectCleanQuit()
    }

    /// Writes paused longer than the dashboard's timeout: the kill fails, nothing is claimed, and after the
    /// pause the toggle is still on with no audit entry (the queued MULTI/EXEC died with its connection).
    @Test func killDuringWritePauseTimesOutAndChangesNothing() throws {
        let h = try FaultHarness(arguments: "--timeout 1")
        try h.server.run("CLIENT", "PAUSE", 4000, "WRITE")
        let paused = Date()
        h.tmux.send("K")
        #expect(h.tmux.waitFor { $0.contains("Kill useNewAlgorithm?") }.ok)
        h.tmux.send("y")
        let failed = h.tmux.waitFor(timeout: 8) { $0.contains("kill useNewAlgorithm failed") }
        #expect(failed.ok, "no failure shown:\n\(failed.screen)")
        #expect(!failed.screen.contains("killed "), "\(failed.screen)")
        let left = 4.5 - Date().timeIntervalSince(paused)
        if left > 0 { usleep(UInt32(left * 1_000_000)) }
        usleep(500_000)
        #expect(try h.server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "True\n")
        #expect(try h.server.redisCLI(["KEYS", "flagtop:audit*"]) == "\n")
        h.expectRecovered()
        #expect(!h.tmux.capture().contains("killed "))
        h.expectCleanQuit()
    }

    @Test func clientKillOfAllNormalConnectionsRecovers() throws {
        let h = try FaultHarness()
        for _ in 0..<3 {
            _ = try h.server.redisCLI(["CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"])
            usleep(300_000)
        }
        _ = try h.server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "False"])
        let off = h.tmux.waitFor(timeout: 10) { $0.contains(" OFF ") && !FaultHarness.header($0).contains("DISCONNECTED") }
        #expect(off.ok, "did not recover after CLIENT KILL:\n\(off.screen)")
        h.expectRecovered()
        h.expectCleanQuit()
    }

    @Test func flushallEmptiesTheDashboardAndItRecovers() throws {
        let server = try TestServer()
        try #require(server.searchLoaded)
        _ = try server.redisCLI(["FT.CREATE", "toggle_errors_db", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT"])
        _ = try server.redisCLI(["FT.ADD", "toggle_errors_db", "useNewAlgorithm:1", "1.0", "FIELDS", "toggleName", "useNewAlgorithm",
                                 "toggleValue", "True", "fingerPrint", "John S", "exceptionBody", "ArrayIndexOutOfBoundsException first"])
        let h = try FaultHarness(server: server)
        #expect(h.tmux.waitFor { $0.contains("ArrayIndexOutOfBounds") }.ok)
        _ = try server.redisCLI(["FLUSHALL"])
        let empty = h.tmux.waitFor(timeout: 10) { !$0.contains("useNewAlgorithm") && $0.contains("no error index") }
        #expect(empty.ok, "toggles should disappear and the errors pane say there is no index:\n\(empty.screen)")
        #expect(!empty.screen.contains("[exited"))
        _ = try server.redisCLI(FaultHarness.toggle)
        _ = try server.redisCLI(["FT.CREATE", "toggle_errors_db", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT"])
        _ = try server.redisCLI(["FT.ADD", "toggle_errors_db", "useNewAlgorithm:2", "1.0", "FIELDS", "toggleName", "useNewAlgorithm",
                                 "toggleValue", "True", "fingerPrint", "John S", "exceptionBody", "NullPointerException second"])
        let back = h.tmux.waitFor(timeout: 15) { $0.contains("useNewAlgorithm") && $0.contains("NullPointerException") }
        #expect(back.ok, "did not pick up the new data:\n\(back.screen)")
        h.expectCleanQuit()
    }
}
