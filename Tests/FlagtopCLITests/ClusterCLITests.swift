import FlagtopTestSupport
import Foundation
import Testing

/// The CLI pointed at one node of a real 3-master cluster: every command sees the whole cluster.
@Suite(.serialized) struct ClusterCLITests {
    static let cluster = Result { () throws -> TestCluster in
        let cluster = try TestCluster()
        // The seeds' data, written with redis-cli -c (it follows MOVED), spread over the masters.
        try cli(cluster, Seeds.toggle)
        try cli(cluster, Seeds.session)
        for name in ["newCheckoutFlow", "darkMode", "searchV2", "fastPayments", "betaBanner"] {
            try cli(cluster, ["HSET", name, "toggle", "True", "releaseNum", "1.0"])
        }
        for i in 0..<12 { try cli(cluster, ["HSET", "session:user\(i)", "name", "User \(i)", "authType", "email"]) }
        for (name, severity) in [("checkout", "error"), ("search", "info"), ("payments", "warning"), ("banner", "info")] {
            try cli(cluster, ["LPUSH", "recent:\(name):\(severity)", "Sat Nov 21 19:13:45 2026 \(name) line"])
        }
        return cluster
    }

    @discardableResult
    static func cli(_ cluster: TestCluster, _ arguments: [String]) throws -> String {
        let result = try ProcessRunner.run("redis-cli", ["-c", "-p", String(cluster.ports[0])] + arguments)
        guard result.status == 0 else { throw LauncherError.setup("redis-cli \(arguments): \(result.stderr)") }
        return result.stdout
    }

    private func run(_ arguments: [String]) throws -> CLI.Output {
        try CLI.run(arguments, url: try Self.cluster.get().url)
    }

    @Test func pingNamesTheCluster() throws {
        let out = try run(["ping"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("deployment: cluster, 3 masters"), "\(out.stdout)")
    }

    @Test func togglesSessionsAndLogsCoverEveryMaster() throws {
        let toggles = try run(["toggles"])
        #expect(toggles.status == 0, "\(toggles.stderr)")
        for name in ["useNewAlgorithm", "newCheckoutFlow", "darkMode", "searchV2", "fastPayments", "betaBanner"] {
            #expect(toggles.stdout.contains(name), "\(name) missing:\n\(toggles.stdout)")
        }
        let sessions = try run(["sessions", "--limit", "100"])
        #expect(sessions.status == 0, "\(sessions.stderr)")
        #expect(sessions.stdout.contains("4156e021:1234"))
        for i in 0..<12 { #expect(sessions.stdout.contains("user\(i)"), "user\(i) missing") }
        for name in ["checkout", "search", "payments", "banner"] {
            let logs = try run(["logs", name])
            #expect(logs.status == 0 && logs.stdout.contains("\(name) line"), "\(name): \(logs.stdout) \(logs.stderr)")
        }
    }

    @Test func decideReadsTheSessionWhereverItLives() throws {
        let out = try run(["decide", "useNewAlgorithm", "4156e021:1234"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("new TARGETING_MATCH"), "\(out.stdout)")
    }

    @Test func killAndRestoreAreAtomicOnTheTogglesNodeAndAudited() throws {
        let cluster = try Self.cluster.get()
        let kill = try run(["kill", "darkMode", "--reason", "cluster test", "--actor", "oncall@test"])
        #expect(kill.status == 0 || kill.status == 5, "\(kill.status): \(kill.stdout) \(kill.stderr)")
        #expect(kill.stdout.contains("killed darkMode") || kill.stderr.contains("killed darkMode"), "\(kill.stdout) \(kill.stderr)")
        #expect(try Self.cli(cluster, ["HGET", "darkMode", "toggle"]) == "False\n")
        // The audit entry sits in the toggle's own slot (with a "replicated" follow-up: the cluster has replicas).
        let stream = try Self.cli(cluster, ["XRANGE", "flagtop:audit:{darkMode}", "-", "+"])
        #expect(stream.contains("kill") && stream.contains("oncall@test"), "\(stream)")
        let audit = try run(["audit", "--toggle", "darkMode"])
        #expect(audit.stdout.contains("kill") && audit.stdout.contains("cluster test"), "\(audit.stdout) \(audit.stderr)")
        let restore = try run(["restore", "darkMode", "--reason", "done"])
        #expect(restore.status == 0 || restore.status == 5, "\(restore.stderr)")
        #expect(try Self.cli(cluster, ["HGET", "darkMode", "toggle"]) == "True\n")
        let all = try run(["audit"])
        #expect(all.stdout.contains("restore"), "\(all.stdout)")
    }
}
