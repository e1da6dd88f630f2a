import FlagtopTestSupport
import Foundation
import Testing

/// A distinctive password given by --url, FLAGTOP_REDIS_URL or --password-file never shows in any output,
/// in the audit stream, or (for --url) in the process's command line as ps reads it.
@Suite struct SecretCLITests {
    static let secret = "pw-SECRET-7331"

    /// A TCP server with an ACL user `op` whose password is the secret, plus the seeds' toggle.
    func server() throws -> (TestServer, Int) {
        let server = try Seeds.server(tcp: true)
        try server.addUser("op", password: Self.secret)
        try server.redisCLI(Seeds.toggle)
        // `errors search` needs the index: a search of a missing one fails, naming it.
        try server.redisCLI(Seeds.createIndex)
        return (server, try server.tcpPort())
    }

    /// The three ways of giving the password, as (extra arguments, FLAGTOP_REDIS_URL).
    func ways(port: Int, password: String) throws -> [(String, [String], String?)] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("flagtop-secret-\(UUID().uuidString)")
        try Data((password + "\n").utf8).write(to: file)
        return [
            ("--url", ["--url", "redis://op:\(password)@127.0.0.1:\(port)/0"], nil),
            ("environment", [], "redis://op:\(password)@127.0.0.1:\(port)/0"),
            ("--password-file", ["--url", "redis://op:@127.0.0.1:\(port)/0", "--password-file", file.path], nil),
            // With a password file, "op@host" names the user (without one it is the legacy password-only form).
            ("--password-file, user@host", ["--url", "redis://op@127.0.0.1:\(port)/0", "--password-file", file.path], nil),
        ]
    }

    @Test func noCommandPrintsThePassword() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let commands: [[String]] = [
            ["ping"], ["ping", "--json"], ["toggles"], ["toggles", "--json"], ["toggle", "useNewAlgorithm"],
            ["kill", "useNewAlgorithm", "--reason", "test"], ["restore", "useNewAlgorithm", "--json"],
            ["audit"], ["audit", "--json"], ["kill", "noSuchToggle"], ["errors", "search", "John"], ["logs"],
        ]
        let allWays = try ways(port: port, password: Self.secret)
        for (how, extra, env) in allWays {
            for command in commands {
                let out = try CLI.run(command + extra, url: env)
                let label = "\(how): flagtop \(command.joined(separator: " "))"
                #expect(!out.stdout.contains(Self.secret) && !out.stderr.contains(Self.secret), "\(label) leaked the password")
                #expect(!out.stdout.contains("7331") && !out.stderr.contains("7331"), "\(label) leaked part of it")
                if command.first != "kill" || command.contains("useNewAlgorithm") {
                    #expect(out.status == 0, "\(label) failed: \(out.stderr)")
                }
            }
        }
        // The commands really ran with that password: each way's kill and restore are audited.
        let audit = try Seeds.audit(server)
        #expect(audit.count == 2 * allWays.count, "\(audit)")
        let raw = try server.redisCLI(["XRANGE", "flagtop:audit:{useNewAlgorithm}", "-", "+"])
        #expect(!raw.contains(Self.secret) && !raw.contains("7331"))
    }

    @Test func wrongPasswordFailuresDoNotPrintIt() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let wrong = "pw-WRONG-9913"
        for (how, extra, env) in try ways(port: port, password: wrong) {
            for command in [["ping"], ["toggles", "--json"], ["kill", "useNewAlgorithm"]] {
                let out = try CLI.run(command + extra, url: env)
                #expect(out.status == 1, "\(how) \(command): \(out.stderr)")
                #expect(out.stderrLines.count == 1, "\(how) \(command): \(out.stderr)")
                #expect(!out.stderr.contains(wrong) && !out.stdout.contains(wrong) && !out.stderr.contains("9913"), "\(how) \(command) leaked: \(out.stderr)")
            }
        }
        #expect(try Seeds.flagtopKeys(server).isEmpty)
    }

    @Test func urlPasswordIsScrubbedFromTheProcessCommandLine() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let process = try SignalMask.spawning {
            try BackgroundProcess(FlagtopBinary.path, ["logs", "app", "--follow", "--url", "redis://op:\(Self.secret)@127.0.0.1:\(port)/0"],
                                  environment: CLI.environment(url: nil))
        }
        defer { process.terminate() }
        // It is connected and following once a new line shows up.
        let deadline = Date().addingTimeInterval(5)
        var shown = false
        while !shown && Date() < deadline {
            _ = try CLI.run(["log", "app", "line-\(UUID().uuidString.prefix(6))"], server: server)
            shown = process.waitFor(timeout: 0.3) { $0.contains("line-") }
        }
        #expect(shown, "logs --follow never printed a line: \(process.output)")
        #expect(process.isRunning)
        let cmdline = try #require(FileManager.default.contents(atPath: "/proc/\(process.pid)/cmdline"))
        let text = String(decoding: cmdline.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        #expect(text.contains("--url redis://op:"), "\(text)")
        #expect(text.contains("@127.0.0.1:\(port)/0"), "\(text)")
        #expect(!text.contains(Self.secret) && !text.contains("7331"), "\(text)")
        let ps = try ProcessRunner.run("ps", ["-ww", "-o", "args=", "-p", String(process.pid)])
        #expect(ps.stdout.contains("logs app --follow"), "\(ps.stdout)")
        #expect(!ps.stdout.contains(Self.secret), "\(ps.stdout)")
        #expect(!process.output.contains(Self.secret))
    }
}
