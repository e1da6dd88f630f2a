import FlagtopTestSupport
import Foundation
import Testing

/// The real dashboard in tmux against a private server, with helpers for the fault tests.
struct FaultHarness {
    let server: TestServer
    let tmux: TmuxSession

    static let toggle = Seeds.toggle

    /// Seeds one toggle and waits until the dashboard shows it ON.
    init(server: TestServer? = nil, arguments: String = "") throws {
        self.server = try server ?? TestServer()
        _ = try self.server.redisCLI(Self.toggle)
        tmux = try TmuxSession(command: "\(FlagtopBinary.path) dashboard --interval 0.5 \(arguments)", environment: ["FLAGTOP_REDIS_URL": self.server.url])
        let shown = tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains(" ON ") }
        try #require(shown.ok, "dashboard never showed the toggle:\n\(shown.screen)")
    }

    /// The header (first screen line).
    static func header(_ screen: String) -> String { String(screen.split(separator: "\n", omittingEmptySubsequences: false).first ?? "") }

    /// Seconds from sending `key` until the screen satisfies `predicate` (polling capture-pane), or nil.
    func latency(sending key: String, until predicate: (String) -> Bool) -> Double? {
        let started = Date()
        tmux.send(key)
        let result = tmux.waitFor(timeout: 3, predicate)
        return result.ok ? Date().timeIntervalSince(started) : nil
    }

    /// Opens help with `?` and closes it with Esc three times. The median answer must come within `limit` seconds
    /// and none may take a second (a UI waiting on Redis would take the whole stall). The screen is read by
    /// polling capture-pane, which takes a few milliseconds itself, so each measure is an upper bound; the median
    /// keeps one scheduling hiccup on this 2-core machine from failing the test.
    func expectKeysAnswered(within limit: Double = 0.1, sourceLocation: SourceLocation = #_sourceLocation) {
        var times: [Double] = []
        for _ in 0..<3 {
            let open = latency(sending: "?") { $0.contains("flagtop keys") }
            let close = latency(sending: "Escape") { !$0.contains("flagtop keys") }
            #expect(open != nil && close != nil, "? or Esc was never answered", sourceLocation: sourceLocation)
            times += [open ?? 3, close ?? 3]
        }
        let sorted = times.sorted()
        let median = (sorted[2] + sorted[3]) / 2
        #expect(median < limit, "keys answered after \(times) s (median \(median))", sourceLocation: sourceLocation)
        #expect(sorted.last! < 1, "a key waited on Redis: \(times) s", sourceLocation: sourceLocation)
    }

    /// Connected, fresh and still running.
    func expectRecovered(timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) {
        let back = tmux.waitFor(timeout: timeout) {
            !Self.header($0).contains("DISCONNECTED") && !$0.contains("(stale)") && $0.contains("useNewAlgorithm")
        }
        #expect(back.ok, "did not recover:\n\(back.screen)", sourceLocation: sourceLocation)
        #expect(!back.screen.contains("[exited"), "the dashboard exited:\n\(back.screen)", sourceLocation: sourceLocation)
    }

    /// `q` still quits with status 0 (no crash along the way).
    func expectCleanQuit(sourceLocation: SourceLocation = #_sourceLocation) {
        tmux.send("q")
        let exited = tmux.waitFor { $0.contains("[exited") }
        #expect(exited.screen.contains("[exited 0]"), "did not quit cleanly:\n\(exited.screen)", sourceLocation: sourceLocation)
    }
}
