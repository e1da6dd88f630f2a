import FlagtopTestSupport
import Foundation
import Testing

/// The dashboard never draws the password, given any of the three ways: connected, after the server died
/// (the disconnected header shows the reason) and in the failure of a kill tried while disconnected.
@Suite(.serialized) struct SecretScreenTests {
    static let secret = "pw-SECRET-7331"

    @Test(arguments: ["--url", "environment", "--password-file"])
    func dashboardNeverShowsThePassword(way: String) throws {
        let server = try Seeds.server(tcp: true)
        defer { server.stop() }
        let port = try #require(server.process.port)
        _ = try server.redisCLI(["ACL", "SETUSER", "op", "on", ">\(Self.secret)", "~*", "&*", "+@all"])
        _ = try server.redisCLI(Seeds.toggle)
        let url = "redis://op:\(Self.secret)@127.0.0.1:\(port)/0"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("flagtop-secret-\(UUID().uuidString)").path
        try Data((Self.secret + "\n").utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        var command = "\(FlagtopBinary.path) dashboard --interval 0.5 --timeout 0.5"
        var environment: [String: String] = [:]
        switch way {
        case "--url": command += " --url '\(url)'"
        case "environment": environment["FLAGTOP_REDIS_URL"] = url
        default: command += " --url 'redis://op:@127.0.0.1:\(port)/0' --password-file '\(file)'"
        }
        let tmux = try TmuxSession(command: command, environment: environment)
        let shown = tmux.waitFor { $0.contains("useNewAlgorithm") && $0.contains(" ON ") }
        #expect(shown.ok, "no dashboard:\n\(shown.screen)")
        #expect(shown.screen.contains("op:***@") || !shown.screen.contains("op:"), "\(shown.screen)")
        server.process.crash()
        let down = tmux.waitFor(timeout: 8) { ($0.split(separator: "\n").first ?? "").contains("DISCONNECTED") }
        #expect(down.ok, "no disconnected header:\n\(down.screen)")
        tmux.send("K")
        #expect(tmux.waitFor { $0.contains("Kill useNewAlgorithm?") }.ok)
        tmux.send("y")
        let failed = tmux.waitFor(timeout: 8) { $0.contains("kill useNewAlgorithm failed") }
        #expect(failed.ok, "no failure shown:\n\(failed.screen)")
        for screen in [shown.screen, down.screen, failed.screen, tmux.title()] {
            #expect(!screen.contains(Self.secret) && !screen.contains("7331"), "the password is on screen:\n\(screen)")
        }
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("[exited 0]") }.ok)
    }
}
