import FlagtopTestSupport
import Foundation
import Testing

/// `--password-file` reads what shells hand out as files: `/dev/stdin`, `<(…)` and named pipes, not only
/// regular files; and it refuses a file too big to be a password.
@Suite(.serialized) struct PasswordFileCLITests {
    static let secret = "pipe-SECRET-4242"

    func server() throws -> (TestServer, String) {
        let server = try TestServer(search: false, tcp: true)
        try server.addUser("op", password: Self.secret)
        try server.redisCLI(Seeds.toggle)
        return (server, "redis://op@127.0.0.1:\(try server.tcpPort())/0")
    }

    /// Runs `script` with bash (for `<(…)` and pipes), the binary as $FLAGTOP and the URL as $URL.
    func bash(_ script: String, url: String) throws -> ProcessRunner.Result {
        var env = CLI.environment(url: nil)
        env["FLAGTOP"] = FlagtopBinary.path
        env["URL"] = url
        return try SignalMask.spawning { try ProcessRunner.run("/bin/bash", ["-c", script], environment: env, timeout: 30) }
    }

    @Test func readsStdinProcessSubstitutionAndNamedPipes() throws {
        let (server, url) = try server()
        defer { server.stop() }
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("flagtop-pw-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { unlink(fifo) }
        let scripts = [
            "stdin": #"printf '%s\n' "$PW" | "$FLAGTOP" toggles --url "$URL" --password-file /dev/stdin"#,
            "process substitution": #""$FLAGTOP" toggles --url "$URL" --password-file <(printf '%s\n' "$PW")"#,
            "named pipe": #"mkfifo "$FIFO" && { printf '%s\n' "$PW" > "$FIFO" & } && "$FLAGTOP" toggles --url "$URL" --password-file "$FIFO""#,
        ]
        for (how, script) in scripts.sorted(by: { $0.key < $1.key }) {
            let out = try bash("PW='\(Self.secret)' FIFO='\(fifo)'; " + script, url: url)
            #expect(out.status == 0, "\(how): \(out.stderr)")
            #expect(out.stdout.contains("useNewAlgorithm"), "\(how): \(out.stdout)")
            #expect(!out.stdout.contains(Self.secret) && !out.stderr.contains(Self.secret), "\(how) leaked the password")
        }
        // A wrong password through a pipe is an authentication failure, not "cannot read".
        let wrong = try bash(#""$FLAGTOP" toggles --url "$URL" --password-file <(echo nope)"#, url: url)
        #expect(wrong.status == 1 && wrong.stderr.contains("authentication failed"), "\(wrong.stderr)")
    }

    @Test func refusesAFileBiggerThan64KiBAndNamesAMissingOne() throws {
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("flagtop-big-\(getpid())")
        defer { try? FileManager.default.removeItem(at: big) }
        try Data(repeating: 0x61, count: 64 * 1024 + 1).write(to: big)
        let line = try CLI.failsWithOneLine(["ping", "--password-file", big.path], server: nil, url: "redis://127.0.0.1:1/0")
        #expect(line.contains("larger than 64 KiB"), "\(line)")
        let missing = try CLI.failsWithOneLine(["ping", "--password-file", "/nonexistent/pw"], server: nil, url: "redis://127.0.0.1:1/0")
        #expect(missing.contains("cannot read --password-file /nonexistent/pw"), "\(missing)")
    }
}
