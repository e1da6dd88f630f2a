import FlagtopTestSupport
import Foundation
import Testing

/// Every text-output subcommand, run over the hostile corpus on a real terminal (tmux, on a private server so
/// nothing else touches its buffers): the pane title stays, no paste buffer appears (OSC 52 would make one with
/// `set-clipboard on`) and the screen is not cleared (the line printed before the command is still there).
/// A control run of `printf` with the same sequences shows each check can fail.
@Suite(.serialized) struct HostileTerminalCLITests {
    /// A private tmux server, killed when the test ends.
    final class PrivateTmux {
        let socket = "flagtop-hostile-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let environment: [String: String]
        private var started = false

        init(url: String) {
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "TMUX")
            env["TERM"] = "xterm-256color"
            env["LANG"] = env["LANG"] ?? "C.UTF-8"
            env["FLAGTOP_REDIS_URL"] = url
            env.removeValue(forKey: "REDIS_URL")
            env["FLAGTOP"] = FlagtopBinary.path
            environment = env
        }

        @discardableResult
        func tmux(_ arguments: [String], captureOutput: Bool = true) throws -> String {
            try ProcessRunner.run("tmux", ["-L", socket, "-f", "/dev/null"] + arguments, environment: environment, captureOutput: captureOutput).stdout
        }

        /// Runs `script` with bash in a new session (tall, so a cleared screen would take the marker with it)
        /// and waits until it printed `done`.
        func run(session: String, script: String) throws -> (screen: String, title: String, buffers: String) {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(session).sh")
            try Data(script.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            if !started {
                // A first session starts the server; the options must be set before any script runs.
                // The server this starts would hold captured pipes open: no capture.
                try tmux(["new-session", "-d", "-s", "keeper", "sleep 600"], captureOutput: false)
                try tmux(["set-option", "-s", "set-clipboard", "on"])
                try tmux(["set-option", "-g", "-w", "scroll-on-clear", "off"])
                try tmux(["set-option", "-g", "history-limit", "50000"])
                started = true
            }
            try tmux(["new-session", "-d", "-s", session, "-x", "200", "-y", "400", "bash --norc --noprofile \(file.path); sleep 60"])
            let deadline = Date().addingTimeInterval(120)
            var screen = ""
            while Date() < deadline {
                screen = try tmux(["capture-pane", "-p", "-t", session, "-S", "-", "-E", "-"])
                if screen.contains("DONE-MARKER") { break }
                usleep(100_000)
            }
            let title = try tmux(["display-message", "-p", "-t", session, "#{pane_title}"])
            let buffers = try tmux(["list-buffers"])
            try tmux(["kill-session", "-t", session])
            return (screen, title, buffers)
        }

        deinit {
            _ = try? tmux(["kill-server"])
            // tmux leaves the socket file of a killed server behind.
            let dir = environment["TMUX_TMPDIR"] ?? "/tmp"
            unlink("\(dir)/tmux-\(getuid())/\(socket)")
        }
    }

    /// `$'…'` with every byte outside a small safe set as `\xNN`: any argument, hostile bytes included.
    static func quoted(_ bytes: [UInt8]) -> String {
        var out = "$'"
        for b in bytes {
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E {
                out.append(Character(Unicode.Scalar(b)))
            } else {
                out += String(format: "\\x%02x", b)
            }
        }
        return out + "'"
    }

    static func commands() -> [[[UInt8]]] {
        func a(_ words: String...) -> [[UInt8]] { words.map { Array($0.utf8) } }
        let title = HostileCorpus.payloads[1]
        var list: [[[UInt8]]] = [
            a("ping"), a("toggles"), a("toggles", "--json"), a("toggle", HostileCorpus.hostileToggle),
            a("toggle", HostileCorpus.hostileToggle, "--json"), a("sessions"), a("sessions", "--json"),
            a("session", HostileCorpus.hostileSession), a("decide", HostileCorpus.hostileToggle, HostileCorpus.hostileSession),
            a("errors", "search"), a("errors", "search", "boom", "--json"), a("errors", "fingerprints"), a("logs"),
            a("logs", HostileCorpus.logName), a("logs", HostileCorpus.logName, "--json"), a("audit"), a("audit", "--json"),
            a("kill", HostileCorpus.hostileToggle), a("restore", HostileCorpus.hostileToggle),
            a("log", HostileCorpus.logName, "line", "--json"),
        ]
        // Hostile bytes as arguments: names that are not found, a severity, a reason; the failure line names them.
        list.append([Array("toggle".utf8), title])
        list.append([Array("session".utf8), HostileCorpus.payloads[4]])
        list.append([Array("logs".utf8), Array(HostileCorpus.logName.utf8), Array("--severity".utf8), title])
        list.append([Array("set".utf8), Array("x".utf8) + title, Array("--on".utf8), Array("--reason".utf8), HostileCorpus.payloads[4]])
        list.append([Array("toggle".utf8), Array("x".utf8) + title])
        // Argument errors quote what was typed.
        list.append([Array("toggles".utf8), Array("--x".utf8) + title])
        list.append([Array("sessions".utf8), Array("--limit".utf8), title])
        return list
    }

    static func script(_ commands: [[[UInt8]]]) -> String {
        var lines = ["export LC_ALL=C.UTF-8"]
        for (i, args) in commands.enumerated() {
            lines.append("clear; echo BEFORE-MARKER-\(i); \"$FLAGTOP\" \(args.map(quoted).joined(separator: " ")); echo AFTER-MARKER-\(i)")
        }
        lines.append("echo DONE-MARKER")
        return lines.joined(separator: "\n") + "\n"
    }

    func check(_ result: (screen: String, title: String, buffers: String), markers: Range<Int>) -> [String] {
        var problems: [String] = []
        if result.title.contains(HostileCorpus.titleMarker) { problems.append("pane title changed: \(result.title)") }
        if !result.buffers.isEmpty { problems.append("paste buffers appeared: \(result.buffers.prefix(200))") }
        for i in markers where !result.screen.contains("BEFORE-MARKER-\(i)\n") || !result.screen.contains("AFTER-MARKER-\(i)") {
            problems.append("command \(i): screen cleared or command did not finish")
        }
        return problems
    }

    @Test func controlRunShowsTheChecksCatchEachEffect() throws {
        let tmux = PrivateTmux(url: "redis://127.0.0.1:1/0")
        let osc52 = "\\e]52;c;\(Data(HostileCorpus.clipboardMarker.utf8).base64EncodedString())\\a"
        let script = "clear; echo BEFORE-MARKER-0; printf '\\e]2;\(HostileCorpus.titleMarker)\\a\(osc52)\\e[2J'; echo AFTER-MARKER-0; echo DONE-MARKER\n"
        let problems = check(try tmux.run(session: "control", script: script), markers: 0..<1)
        #expect(problems.count == 3, "\(problems)")
    }

    @Test func textCommandsLeaveTitleBuffersAndScreenAlone() throws {
        let server = try TestServer()
        try HostileCorpus.load(into: server)
        let tmux = PrivateTmux(url: server.url)
        var sawHostileSeverity = false
        for (i, args) in Self.commands().enumerated() {
            let result = try tmux.run(session: "cli\(i)", script: Self.script([args]))
            let label = String(decoding: Array(args.joined(separator: [0x20])), as: UTF8.self).debugDescription
            #expect(result.screen.contains("DONE-MARKER"), "\(label): \(result.screen.suffix(300))")
            let problems = check(result, markers: 0..<1)
            #expect(problems.isEmpty, "\(label): \(problems)")
            if result.screen.contains(#"\e]2;\#(HostileCorpus.titleMarker)"#) { sawHostileSeverity = true }
        }
        // The hostile severities were read, and shown escaped.
        #expect(sawHostileSeverity)
    }
}
