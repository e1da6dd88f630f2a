import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// Issue 12's network and replication cases through a real proxy and real replicas: a lost reply is read back,
/// a stalled write cannot land after it was reported, other toggles' writes never abort a kill, and durability
/// is reported from WAIT.
@Suite(.serialized) struct KillFaultCLITests {
    static let audit = "flagtop:audit:{useNewAlgorithm}"

    func seeded() throws -> (TestServer, Int) {
        let server = try Seeds.server(search: false, tcp: true)
        _ = try server.redisCLI(Seeds.toggle)
        return (server, try #require(server.process.port))
    }

    func toggle(_ server: TestServer) throws -> String? { try Seeds.hash(server, "useNewAlgorithm")["toggle"] }

    /// The reply to the write is dropped (old main: "timed out — nothing changed" while the kill was applied).
    @Test func lostReplyIsReadBackAndReportedAsApplied() throws {
        let (server, port) = try seeded()
        let proxy = try FaultProxy(upstreamPort: port, behaviour: .init(dropRepliesAfter: "EVAL"))
        defer { proxy.stop() }
        let started = Date()
        let out = try CLI.run(["kill", "useNewAlgorithm", "--reason", "lost", "--timeout", "1"], url: proxy.url())
        #expect(out.status == 0, "\(out.stdout) \(out.stderr)")
        #expect(out.stdout.contains("the reply to the kill was lost; read back on a new connection: killed useNewAlgorithm and audited"), "\(out.stdout)")
        #expect(out.stdout.contains("Redis holds toggle=False"))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try toggle(server) == "False")
        #expect(try Seeds.audit(server).map { $0["reason"] } == ["lost"])
    }

    /// The write is held 4 s by the network (old main: reported failed, then the kill landed later). The script's
    /// server-side deadline makes it refuse to run late, so "not done" stays true.
    @Test func stalledWriteIsReportedNotDoneAndNeverLandsLater() throws {
        let (server, port) = try seeded()
        let proxy = try FaultProxy(upstreamPort: port, behaviour: .init(hold: ("EVAL", 4)))
        defer { proxy.stop() }
        let out = try CLI.run(["kill", "useNewAlgorithm", "--timeout", "1"], url: proxy.url())
        #expect(out.status == 1, "\(out.stdout) \(out.stderr)")
        #expect(out.stderr.contains("the reply to the kill was lost") && out.stderr.contains("it can no longer land"), "\(out.stderr)")
        #expect(out.stderr.contains("Redis holds toggle=True"))
        // Wait until the held EVAL has reached the server and run (refused by its deadline).
        let deadline = Date().addingTimeInterval(8)
        while Date() < deadline, !(try server.redisCLI(["INFO", "commandstats"]).contains("cmdstat_eval:")) { usleep(100_000) }
        #expect(try server.redisCLI(["INFO", "commandstats"]).contains("cmdstat_eval:calls=1"), "the held write never arrived")
        #expect(try toggle(server) == "True")
        #expect(try Seeds.flagtopKeys(server).isEmpty)
    }

    /// Ctrl-C while the write is in flight waits for the outcome and prints it (old main: exited at once).
    @Test func interruptWaitsForTheOutcome() throws {
        let (server, port) = try seeded()
        let proxy = try FaultProxy(upstreamPort: port, behaviour: .init(hold: ("EVAL", 1.5)))
        defer { proxy.stop() }
        let child = try SignalMask.spawning {
            try BackgroundProcess("/bin/sh", ["-c", "exec \(FlagtopBinary.path) kill useNewAlgorithm --reason ctrl-c --timeout 4 2>&1"],
                                  environment: CLI.environment(url: proxy.url()))
        }
        usleep(500_000)
        kill(child.pid, SIGINT)
        #expect(child.waitFor(timeout: 10) { $0.contains("killed useNewAlgorithm") }, "\(child.output)")
        #expect(child.output.contains("interrupted — waiting up to 5 s"), "\(child.output)")
        #expect(try toggle(server) == "False")
        #expect(try Seeds.audit(server).count == 1)
    }

    /// 200 ms round trips and 5 audited writes a second to another toggle (old main: 20 of 20 kills gave up, since
    /// every kill WATCHed the one shared audit stream). Through MULTI/EXEC (scripts refused) only the toggle's own
    /// keys are watched, so nothing elsewhere aborts it.
    @Test func writesToOtherTogglesNeverAbortAKill() throws {
        let (server, port) = try seeded()
        _ = try server.redisCLI(["ACL", "SETUSER", "noscript", "on", ">pw", "~*", "&*", "+@all", "-eval", "-evalsha"])
        _ = try server.redisCLI(["HSET", "busyToggle", "toggle", "True"])
        let proxy = try FaultProxy(upstreamPort: port, behaviour: .init(latency: 0.1))
        defer { proxy.stop() }
        let stop = StopFlag()
        let busy = Thread { [server] in
            let store = ToggleStore(settings: FlagtopSettings(endpoint: server.endpoint, actor: "busy"))
            guard let connection = try? server.connection() else { return }
            var n = 0
            while !stop.isSet {
                n += 1
                _ = try? store.set("busyToggle", ToggleStore.Change(rollout: n % 100), on: connection)
                usleep(200_000)
            }
        }
        busy.start()
        defer { stop.set(); while !busy.isFinished { usleep(10_000) } }
        for round in 0..<4 {
            let verb = round % 2 == 0 ? "kill" : "restore"
            let out = try CLI.run([verb, "useNewAlgorithm", "--timeout", "5"], url: proxy.url(user: "noscript", password: "pw"))
            #expect(out.status == 0, "round \(round): \(out.stderr)")
        }
        #expect(try toggle(server) == "True")
        #expect(try Seeds.audit(server).map { $0["action"] } == ["kill", "restore", "kill", "restore"])
        #expect(try server.run("XLEN", "flagtop:audit:{busyToggle}").int ?? 0 > 5, "the other toggle was really being written")
    }
}

/// A flag one thread sets and another polls.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// Durability through a replicated server: WAIT after the write, the count printed, in the exit status and in
/// the audit (old main: "killed" whatever the replicas had, so a failover could lose a reported kill).
@Suite(.serialized) struct KillReplicationCLITests {
    func pair() throws -> (master: TestServer, replica: TestServer) {
        let master = try Seeds.server(search: false, tcp: true)
        let port = try #require(master.process.port)
        let replica = try TestServer(search: false, tcp: true, extraArguments: ["--replicaof", "127.0.0.1", String(port)])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !(try master.redisCLI(["INFO", "replication"]).contains("state=online")) { usleep(50_000) }
        _ = try master.redisCLI(Seeds.toggle)
        #expect(try master.run("WAIT", 1, 2000).int == 1, "the replica never caught up")
        return (master, replica)
    }

    @Test func killReportsTheReplicasThatAcknowledged() throws {
        let (master, replica) = try pair()
        defer { replica.stop() }
        let out = try CLI.ok(["kill", "useNewAlgorithm", "--reason", "durable"], server: master)
        #expect(out.stdout == "killed useNewAlgorithm: toggle is False; on 1 of 1 replicas\n", "\(out.stdout)")
        #expect(try Seeds.hash(replica, "useNewAlgorithm")["toggle"] == "False")
        let entries = try Seeds.audit(master)
        #expect(entries.map { $0["action"] } == ["kill", "replicated"])
        #expect(entries.first?["replicasConnected"] == "1")
        #expect(entries.last?["replicas"] == "1")
        let json = try CLI.ok(["audit", "--json"], server: master)
        let list = try #require(try CLI.json(json.stdout) as? [[String: Any]])
        #expect(list.count == 1, "the follow-up is folded into its entry: \(list)")
        #expect(list.first?["replicas"] as? Int == 1)
    }

    /// The failover window: the replica is paused (CLIENT PAUSE), so no replica confirms the kill.
    @Test func noReplicaConfirmingIsSaidAndHasItsOwnExitStatus() throws {
        let (master, replica) = try pair()
        defer { replica.stop() }
        _ = try replica.redisCLI(["CLIENT", "PAUSE", "3000", "ALL"])
        let out = try CLI.run(["kill", "useNewAlgorithm", "--replica-wait", "300"], server: master)
        #expect(out.status == 5, "\(out.stdout) \(out.stderr)")
        #expect(out.stdout == "killed useNewAlgorithm: toggle is False; on the master only: no replica confirmed within 300 ms\n", "\(out.stdout)")
        #expect(try Seeds.hash(master, "useNewAlgorithm")["toggle"] == "False")
        let entries = try Seeds.audit(master)
        #expect(entries.last?["action"] == "replicated" && entries.last?["replicas"] == "0")
        let text = try CLI.ok(["toggle", "useNewAlgorithm"], server: master)
        #expect(text.lines.contains { $0.contains(" kill ") && $0.contains("0 of 1") }, "\(text.stdout)")
    }
}
