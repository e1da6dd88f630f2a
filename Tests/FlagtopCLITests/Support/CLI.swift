import FlagtopTestSupport
import Foundation
import Testing

/// Runs the built `flagtop` against a test server (through `FLAGTOP_REDIS_URL`).
enum CLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// stdout without the trailing newline, split into lines.
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty() }
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    static func environment(url: String?) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["FLAGTOP_REDIS_URL"] = url
        env.removeValue(forKey: "REDIS_URL")
        env["USER"] = "cli-tester"
        return env
    }

    static func run(_ arguments: [String], server: TestServer?, stdin: String? = nil) throws -> Output {
        try run(arguments, url: server?.url, stdin: stdin)
    }

    static func run(_ arguments: [String], url: String?, stdin: String? = nil) throws -> Output {
        let r = try SignalMask.spawning {
            try ProcessRunner.run(FlagtopBinary.path, arguments, stdin: stdin, environment: environment(url: url), timeout: 30)
        }
        return Output(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// Runs and expects exit status 0, recording the output when it is not.
    @discardableResult
    static func ok(_ arguments: [String], server: TestServer, stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Output {
        let out = try run(arguments, server: server, stdin: stdin)
        #expect(out.status == 0, "flagtop \(arguments.joined(separator: " ")) → \(out.status): \(out.stderr)", sourceLocation: sourceLocation)
        return out
    }

    /// Expects exit status 1 with exactly one line on stderr (no stack trace) and nothing on stdout; returns that line.
    static func failsWithOneLine(_ arguments: [String], server: TestServer?, url: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let out = try run(arguments, url: url ?? server?.url)
        #expect(out.status == 1, "exit status \(out.status), stderr: \(out.stderr)", sourceLocation: sourceLocation)
        #expect(out.stderrLines.count == 1, "stderr: \(out.stderr)", sourceLocation: sourceLocation)
        #expect(out.stdout.isEmpty, "stdout: \(out.stdout)", sourceLocation: sourceLocation)
        #expect(!out.stderr.contains("Fatal error") && !out.stderr.contains("Stack dump"), sourceLocation: sourceLocation)
        return out.stderrLines.first ?? ""
    }

    /// Parses JSON output.
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }
}

extension Array where Element == String {
    func dropLastIfEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}
