import FlagtopCore
import FlagtopSimulator
import FlagtopTestSupport
import Foundation
import Testing

/// `flagtop demo` and the canary story: a kill stops the canary's errors; the demo cleans up after itself.
@Suite(.serialized) struct DemoTests {
    @Test func afterAKillTheSimulatorSendsNoRequestToTheNewCode() throws {
        let server = try TestServer()
        let settings = FlagtopSettings(endpoint: server.endpoint, actor: "test")
        var options = CanarySimulator.Options()
        options.rate = 200
        options.errorRate = 1.0
        let simulator = CanarySimulator(settings: settings, options: options)
        simulator.start()
        defer { simulator.stop() }
        // Wait until the canary has both served new code and failed on it.
        let deadline = Date().addingTimeInterval(10)
        while (simulator.stats.errors[DemoToggles.canary] ?? 0) < 3 && Date() < deadline { usleep(20_000) }
        #expect((simulator.stats.errors[DemoToggles.canary] ?? 0) >= 3, "the canary never failed: \(simulator.stats)")
        let connection = try server.connection()
        try ToggleStore(settings: settings).kill(DemoToggles.canary, reason: "test", on: connection)
        // The kill is acknowledged; a request that had already read the toggle may still finish.
        usleep(100_000)
        let newCodeAfterKill = simulator.stats.newCode[DemoToggles.canary] ?? 0
        let errorsAfterKill = simulator.stats.errors[DemoToggles.canary] ?? 0
        let requestsAfterKill = simulator.stats.requests
        usleep(1_500_000)
        #expect(simulator.stats.requests > requestsAfterKill + 50, "traffic stopped: \(simulator.stats)")
        #expect(simulator.stats.newCode[DemoToggles.canary] ?? 0 == newCodeAfterKill)
        #expect(simulator.stats.errors[DemoToggles.canary] ?? 0 == errorsAfterKill)
        // And Redis agrees: no canary error document is newer than the kill.
        let killedAt = Date().timeIntervalSince1970 - 1.4
        let newer = try connection.send("ZRANGEBYSCORE", "flagtop:errtime:toggle_errors_db", killedAt, "+inf").array ?? []
        #expect(!newer.contains { ($0.string ?? "").hasPrefix(DemoToggles.canary + ":") })
    }

    @Test(arguments: ["q", "SIGTERM", "SIGHUP"])
    func demoStartsAndStopsCleanly(how: String) throws {
        let before = Self.demoDirectories()
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) demo --rate 50")
        let shown = tmux.waitFor(timeout: 15) { $0.contains("useNewAlgorithm") && $0.contains("Recent logs") && $0.contains("pricing") }
        #expect(shown.ok, "demo never showed the dashboard with traffic:\n\(shown.screen)")
        let demoPID = try #require(Self.flagtopPID(inPaneOf: tmux))
        // Only the demo's own server: tests running in parallel start private servers in the same temp dir.
        let started = Self.demoDirectories().subtracting(before).filter { dir in
            Self.redisServers(in: [dir]).contains { Self.parentPID(of: $0) == demoPID }
        }
        #expect(started.count == 1, "expected one private server dir, got \(started)")
        let serverPIDs = Self.redisServers(in: started)
        #expect(serverPIDs.count == 1)
        switch how {
        case "q": tmux.send("q")
        case "SIGTERM": kill(demoPID, SIGTERM)
        default: kill(demoPID, SIGHUP)
        }
        let exited = tmux.waitFor(timeout: 10) { $0.contains("[exited") }
        #expect(exited.ok, "demo did not exit on \(how):\n\(exited.screen)")
        #expect(kill(demoPID, 0) != 0, "flagtop still running")
        for pid in serverPIDs { #expect(kill(pid, 0) != 0, "redis-server \(pid) left behind") }
        for dir in started { #expect(!FileManager.default.fileExists(atPath: dir), "temp dir \(dir) left behind") }
    }

    static func demoDirectories() -> Set<String> {
        let tmp = NSTemporaryDirectory()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
        return Set(names.filter { $0.hasPrefix("flagtop-redis-") }.map { (tmp as NSString).appendingPathComponent($0) })
    }

    /// The parent of `pid` (`PPid:` in /proc/<pid>/status).
    static func parentPID(of pid: Int32) -> Int32? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("PPid:") }) else { return nil }
        return Int32(line.dropFirst(5).trimmingCharacters(in: .whitespaces))
    }

    /// redis-server processes whose command line names a socket in these dirs.
    static func redisServers(in dirs: Set<String>) -> [Int32] {
        let procs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return procs.compactMap { Int32($0) }.filter { pid in
            guard let cmd = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) else { return false }
            return cmd.contains("redis-server") && dirs.contains { cmd.contains($0) }
        }
    }

    /// The flagtop process under the pane's shell.
    static func flagtopPID(inPaneOf tmux: TmuxSession) -> Int32? {
        guard let shell = tmux.panePID() else { return nil }
        let procs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for pid in procs.compactMap({ Int32($0) }) {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == shell, stat.contains("(flagtop)") { return pid }
        }
        return nil
    }
}
