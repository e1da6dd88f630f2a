import FlagtopTestSupport
import Foundation
import Testing

/// Recent logs: the seeds' Python `log_recent` (run for real with redis-py) and flagtop read and write the same lists.
@Suite struct LogsCLITests {
    /// The seeds' code (log_recent verbatim; one list() so the table builds on Python 3), plus a driver.
    static let logRecent = """
    import json, logging, sys, time
    import redis

    SEVERITY = {
        logging.DEBUG: 'debug',
        logging.INFO: 'info',
        logging.WARNING: 'warning',
        logging.ERROR: 'error',
        logging.CRITICAL: 'critical',
    }
    # The seed iterates SEVERITY.values() while updating it, which Python 3 rejects; list() is the one change.
    SEVERITY.update((name, name) for name in list(SEVERITY.values()))

    def log_recent(conn, name, message, severity=logging.INFO, pipe=None):
        severity = str(SEVERITY.get(severity, severity)).lower()
        destination = 'recent:%s:%s'%(name, severity)
        message = time.asctime() + ' ' + message
        pipe = pipe or conn.pipeline()
        pipe.lpush(destination, message)
        pipe.ltrim(destination, 0, 99)
        pipe.execute()

    conn = redis.Redis(unix_socket_path=sys.argv[1])
    if sys.argv[2] == 'write':
        log_recent(conn, 'checkout', 'order 17 served by the new code')
        log_recent(conn, 'checkout', 'payment declined: card expired', logging.ERROR)
        log_recent(conn, 'checkout', 'slow response 2300 ms', 'WARNING')
        log_recent(conn, 'checkout', 'audit trail rotated', 'Audit')
    elif sys.argv[2] == 'check':
        # What flagtop wrote must look exactly like what log_recent writes.
        entries = [e.decode() for e in conn.lrange(sys.argv[3], 0, -1)]
        problems = []
        for e in entries:
            stamp = e[:24]
            try:
                parsed = time.strptime(stamp)
            except ValueError:
                problems.append('not asctime: %r' % e)
                continue
            if time.asctime(parsed) != stamp or e[24] != ' ':
                problems.append('not formatted like time.asctime(): %r' % e)
            if abs(time.mktime(parsed) - time.time()) > 120:
                problems.append('time far off: %r' % e)
        print(json.dumps({'count': len(entries), 'messages': [e[25:] for e in entries], 'problems': problems}))
    """

    static func python(_ arguments: [String]) throws -> ProcessRunner.Result {
        let check = try ProcessRunner.run("python3", ["-c", "import redis"])
        try #require(check.status == 0, "redis-py is missing: pip install redis (or apt-get install python3-redis)")
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("log_recent-\(UUID().uuidString).py")
        try logRecent.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let result = try ProcessRunner.run("python3", [script.path] + arguments)
        #expect(result.status == 0, "python failed: \(result.stderr)")
        return result
    }

    @Test func entriesWrittenByPythonReadBack() throws {
        let server = try Seeds.server()
        _ = try Self.python([server.process.socketPath, "write"])
        var raw: [String: String] = [:]
        for severity in ["info", "error", "warning", "audit"] {
            let list = try server.run("LRANGE", "recent:checkout:\(severity)", 0, -1).array?.compactMap(\.string) ?? []
            #expect(list.count == 1, "recent:checkout:\(severity)")
            raw[severity] = list.first
        }
        let out = try CLI.ok(["logs", "checkout", "--json"], server: server)
        let entries = try #require(try CLI.json(out.stdout) as? [[String: String]])
        #expect(entries.count == 4)
        for e in entries {
            let severity = try #require(e["severity"])
            let stored = try #require(raw[severity], "unexpected severity \(severity)")
            #expect(e["name"] == "checkout")
            #expect(e["time"] == String(stored.prefix(24)))
            #expect(e["message"] == String(stored.dropFirst(25)))
        }
        #expect(Set(entries.compactMap { $0["message"] }) == ["order 17 served by the new code", "payment declined: card expired", "slow response 2300 ms", "audit trail rotated"])
        let text = try CLI.ok(["logs", "checkout", "--severity", "ERROR"], server: server)
        #expect(text.lines == ["\(raw["error"]!.prefix(24)) ERROR checkout: payment declined: card expired"])
    }

    @Test func flagtopWritesWhatLogRecentWouldAndCapsAt100() throws {
        let server = try Seeds.server()
        // 150 writes through the CLI (one shell, so the loop costs no extra round trips through the test).
        let loop = try ProcessRunner.run("/bin/sh", ["-c", "i=0; while [ $i -lt 150 ]; do \"$0\" log capped \"message $i\" || exit 1; i=$((i+1)); done", FlagtopBinary.path],
                                         environment: CLI.environment(url: server.url))
        #expect(loop.status == 0, "\(loop.stderr)")
        let result = try Self.python([server.process.socketPath, "check", "recent:capped:info"])
        let report = try #require(try CLI.json(result.stdout) as? [String: Any])
        #expect(report["count"] as? Int == 100)
        #expect(report["problems"] as? [String] == [])
        let messages = try #require(report["messages"] as? [String])
        #expect(messages.first == "message 149")
        #expect(messages.last == "message 50")
        #expect(messages == (50...149).reversed().map { "message \($0)" })
        // Severity numbers map as the seeds' table does.
        try CLI.ok(["log", "capped", "disk full", "--severity", "40"], server: server)
        let errors = try Self.python([server.process.socketPath, "check", "recent:capped:error"])
        let errReport = try #require(try CLI.json(errors.stdout) as? [String: Any])
        #expect(errReport["messages"] as? [String] == ["disk full"])
        #expect(errReport["problems"] as? [String] == [])
    }

    @Test func followPrintsNewLines() throws {
        let server = try Seeds.server()
        try CLI.ok(["log", "web", "first line"], server: server)
        let follow = try BackgroundProcess(FlagtopBinary.path, ["logs", "web", "--follow", "--interval", "0.05"], environment: CLI.environment(url: server.url))
        defer { follow.terminate() }
        #expect(follow.waitFor { $0.contains("INFO web: first line") })
        try CLI.ok(["log", "web", "second line", "--severity", "error"], server: server)
        #expect(follow.waitFor { $0.contains("ERROR web: second line") })
        _ = try server.redisCLI(["LPUSH", "recent:web:info", "\(AscTimeText.now()) third line"])
        #expect(follow.waitFor { $0.contains("INFO web: third line") })
        #expect(follow.isRunning)
        follow.terminate()
        let lines = follow.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.map { $0.components(separatedBy: ": ").last ?? "" } == ["first line", "second line", "third line"])
    }
}
