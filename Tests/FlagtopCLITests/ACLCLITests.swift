import FlagtopTestSupport
import Foundation
import Testing

/// A read-only ACL user, wrong passwords and unreachable servers: exit 1, one line, no secrets.
@Suite struct ACLCLITests {
    func server() throws -> (TestServer, Int) {
        let server = try Seeds.server(tcp: true)
        try server.addUser("ro", password: "pw", rules: TestServer.readOnlyUserRules)
        try server.redisCLI(Seeds.toggle)
        return (server, try server.tcpPort())
    }

    @Test func killDeniedByACLChangesNothing() throws {
        let (server, port) = try server()
        let before = try server.hash("useNewAlgorithm")
        let line = try CLI.failsWithOneLine(["kill", "useNewAlgorithm", "--url", "redis://ro:pw@127.0.0.1:\(port)/0"], server: nil)
        #expect(line.contains("Redis ACL"))
        #expect(line.lowercased().contains("denied"))
        #expect(!line.contains(":pw@"))
        #expect(try Seeds.hash(server, "useNewAlgorithm") == before)
        #expect(try Seeds.flagtopKeys(server).isEmpty)
    }

    @Test func pingAsReadOnlyUserDetectsRediSearch1WithoutModuleList() throws {
        let (server, port) = try server()
        try #require(server.searchLoaded)
        // The user really may not run MODULE LIST.
        let denied = try ProcessRunner.run("redis-cli", ["-p", String(port), "--user", "ro", "--pass", "pw", "--no-auth-warning", "MODULE", "LIST"])
        #expect(denied.stdout.contains("NOPERM"))
        let out = try CLI.run(["ping", "--url", "redis://ro:pw@127.0.0.1:\(port)/0"], url: nil)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.lines.contains { $0.hasPrefix("search:") && $0.contains("RediSearch 1.") })
        #expect(out.lines.contains { $0.hasPrefix("server:") && $0.contains("ro:***@127.0.0.1") })
        #expect(!out.stdout.contains(":pw@"))
    }

    @Test func readOnlyUserCanStillListAndSearch() throws {
        let (server, port) = try server()
        try #require(server.searchLoaded)
        _ = try server.redisCLI(Seeds.createIndex)
        _ = try server.redisCLI(Seeds.addDocument)
        let url = "redis://ro:pw@127.0.0.1:\(port)/0"
        let toggles = try CLI.run(["toggles", "--url", url], url: nil)
        #expect(toggles.status == 0)
        #expect(toggles.lines.contains { $0.hasPrefix("useNewAlgorithm ") })
        let search = try CLI.run(["errors", "search", "John", "--url", url], url: nil)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.lines.first == "1 error")
    }

    @Test func wrongPasswordIsOneLineWithoutThePassword() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let secret = "Wr0ngPassw0rd-xyz"
        let line = try CLI.failsWithOneLine(["ping"], server: nil, url: "redis://ro:\(secret)@127.0.0.1:\(port)/0")
        #expect(!line.contains(secret))
        #expect(line.lowercased().contains("auth"))
        // Also when given with --url on the command line.
        let out = try CLI.run(["toggles", "--url", "redis://ro:\(secret)@127.0.0.1:\(port)/0"], url: nil)
        #expect(out.status == 1)
        #expect(!out.stderr.contains(secret) && !out.stdout.contains(secret))
    }

    @Test func unreachableServerIsOneLine() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-dir-\(UUID().uuidString)/redis.sock").path
        let line = try CLI.failsWithOneLine(["toggles"], server: nil, url: "unix://\(missing)")
        #expect(line.contains("cannot connect"))
        _ = try CLI.failsWithOneLine(["kill", "x"], server: nil, url: "unix://\(missing)")
    }
}
