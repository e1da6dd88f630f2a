import FlagtopTestSupport
import Foundation
import Testing

/// Every text command over the hostile corpus: a sane exit status and no terminal effects on stdout or stderr.
@Suite(.serialized) struct HostileCorpusCLITests {
    static func commands() -> [[String]] {
        var list: [[String]] = [
            ["toggles"], ["sessions"], ["sessions", "--limit", "1000"], ["errors", "search"], ["errors", "search", "boom"],
            ["errors", "search", "--toggle", HostileCorpus.hostileToggle], ["errors", "fingerprints"],
            ["logs", HostileCorpus.logName], ["audit"], ["audit", "--toggle", HostileCorpus.hostileToggle],
            ["toggle", HostileCorpus.hostileToggle], ["toggle", HostileCorpus.hugeToggle],
            ["session", HostileCorpus.hostileSession],
        ]
        list += (HostileCorpus.wideToggles + HostileCorpus.wrongTypeToggles).map { ["toggle", $0] }
        list += HostileCorpus.wrongTypeSessions.map { ["session", $0] }
        list += [["decide", HostileCorpus.hostileToggle, HostileCorpus.hostileSession]]
        return list
    }

    @Test func textCommandsPrintNoTerminalEffects() throws {
        let server = try TestServer()
        try HostileCorpus.load(into: server)
        var env = ProcessInfo.processInfo.environment
        env["FLAGTOP_REDIS_URL"] = server.url
        env.removeValue(forKey: "REDIS_URL")
        var statuses: [Int32] = []
        for args in Self.commands() {
            let out = try ProcessRunner.run(FlagtopBinary.path, args, environment: env, timeout: 60)
            let label = "flagtop \(args.joined(separator: " "))"
            statuses.append(out.status)
            #expect(out.status == 0 || out.status == 1, "\(label) → \(out.status): \(out.stderr.prefix(300))")
            #expect(HostileCorpus.violations(in: out.stdout).isEmpty, "\(label) stdout: \(HostileCorpus.violations(in: out.stdout))")
            #expect(HostileCorpus.violations(in: out.stderr).isEmpty, "\(label) stderr: \(HostileCorpus.violations(in: out.stderr))")
            #expect(!out.stderr.contains("Fatal error") && !out.stderr.contains("Stack dump"), "\(label): \(out.stderr.prefix(300))")
            // A failure is one line; a success may add notes about what it skipped (wrong-typed keys).
            let errLines = out.stderr.split(separator: "\n")
            if out.status != 0 { #expect(errLines.count == 1, "\(label) stderr: \(out.stderr.prefix(300))") }
            else { #expect(errLines.allSatisfy { $0.hasPrefix("note: ") }, "\(label) stderr: \(out.stderr.prefix(300))") }
        }
        // The listings themselves must succeed, and the hostile toggle must be shown (not skipped).
        #expect(statuses.prefix(10).allSatisfy { $0 == 0 }, "\(statuses)")
        let toggles = try ProcessRunner.run(FlagtopBinary.path, ["toggles"], environment: env).stdout
        #expect(toggles.contains(HostileCorpus.hostileToggle) && toggles.contains("with space"))
    }
}
