import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// Writing the error database (issue 14, point 10): one document is one step, and a read-only user never
/// writes.
@Suite struct ErrorDatabaseWriteTests {
    /// What `redis-cli MONITOR` saw while `body` ran (the commands, one per line).
    static func monitored(_ server: TestServer, while body: () throws -> Void) throws -> [String] {
        let box = TextBox()
        let thread = Thread {
            let out = (try? ProcessRunner.run("redis-cli", ["-s", server.process.socketPath, "MONITOR"], timeout: 1.5))?.stdout ?? ""
            box.set(out)
        }
        thread.start()
        usleep(400_000)
        try body()
        let deadline = Date().addingTimeInterval(10)
        while box.get().isEmpty && Date() < deadline { usleep(50_000) }
        return box.get().split(separator: "\n").map(String.init)
    }

    /// Without a module and on 2.x, the document is written by one HSET of every field inside MULTI/EXEC
    /// (never HSETNX then HSET, which let the index see a one-field document); on 1.x by one FT.ADD.
    @Test(arguments: TestServer.Backend.allCases) func aDocumentIsWrittenInOneStep(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let connection = try server.connection()
        let db = try ErrorDatabase(settings: FlagtopSettings(endpoint: server.endpoint, actor: "tester"), backend: ServerInfo.probe(connection).search)
            .resolved(on: connection)
        var id = ""
        let lines = try Self.monitored(server) {
            id = try db.report(ErrorReport(toggleName: "t", exceptionBody: "boom", toggleValue: "True", fingerPrint: "A", releaseNum: "1", time: 1_552_386_725), on: connection)
        }
        let quotedID = "\"\(id)\""
        let touching = lines.filter { $0.contains(quotedID) && !$0.contains("\"EXISTS\"") && !$0.contains("\"WATCH\"") && !$0.contains("\"ZADD\"") }
        #expect(!lines.contains { $0.contains("\"HSETNX\"") || $0.contains("\"hsetnx\"") }, "\(lines)")
        #expect(touching.count == 1, "\(touching)")
        let write = touching.first ?? ""
        for field in ["toggleName", "toggleValue", "fingerPrint", "exceptionBody", "ts", "releaseNum"] {
            #expect(write.contains("\"\(field)\""), "\(field) missing from \(write)")
        }
        #expect(write.contains(backend == .search1 ? "\"FT.ADD\"" : "\"HSET\""), "\(write)")
        if backend != .search1 {
            let multi = try #require(lines.firstIndex { $0.contains("\"MULTI\"") })
            let exec = try #require(lines.firstIndex { $0.contains("\"EXEC\"") })
            let at = try #require(lines.firstIndex(of: write))
            #expect(multi < at && at < exec)
        }
        #expect(try server.hash(id)["exceptionBody"] == "boom")
    }

    /// A read-only ACL user (the README's) reads the error database on every backend without one denied
    /// command, and `report` from such a user is refused by Redis, not half-done.
    @Test(arguments: TestServer.Backend.allCases) func aReadOnlyUserNeverWrites(_ backend: TestServer.Backend) throws {
        let server = try TestServer(backend: backend)
        let admin = try server.connection()
        let kind = try ServerInfo.probe(admin).search
        let writer = try ErrorDatabase(settings: FlagtopSettings(endpoint: server.endpoint, actor: "tester"), backend: kind).resolved(on: admin)
        _ = try writer.report(ErrorReport(toggleName: "t", exceptionBody: "boom", toggleValue: "True", fingerPrint: "A", releaseNum: "1"), on: admin)
        let search = backend == .none ? [] : ["+FT.SEARCH", "+FT.INFO", "+FT.AGGREGATE"]
        _ = try server.redisCLI(["ACL", "SETUSER", "viewer", "on", ">pw-viewer", "~*", "&*", "+@read", "+@connection", "-@dangerous"] + search)
        var endpoint = server.endpoint
        endpoint.username = "viewer"
        endpoint.password = "pw-viewer"
        let viewer = try RedisConnection(connectingTo: endpoint, options: RedisConnectionOptions(commandTimeout: 5, clientName: "viewer"))
        let db = ErrorDatabase(settings: FlagtopSettings(endpoint: endpoint, actor: "viewer"), backend: try ServerInfo.probe(viewer).search)
        #expect(db.backend.displayName.prefix(6) == kind.displayName.prefix(6))  // same module; versions need MODULE LIST
        // The probe's MODULE LIST is denied by design (COMMAND INFO answers instead); what follows must not be.
        try server.run("ACL", "LOG", "RESET")
        let status = try db.ensureIndex(on: viewer, create: true)
        #expect(status.exists)
        #expect(try db.search(ErrorQuery(), on: viewer, rows: .list).total == 1)
        #expect(try db.fingerprints(on: viewer) == [FingerprintCount(name: "A", count: 1)])
        let denials = try server.run("ACL", "LOG")
        #expect(denials.array?.isEmpty == true, "\(denials)")
        // Discovery (the dashboard keeps one) finds toggles made since its last pass; registering them is a
        // write, which the ACL refuses once and which is then not tried again.
        var discovery = ToggleDiscovery(settings: db.settings)
        for pass in 0..<3 {
            _ = try server.redisCLI(["HSET", "found\(pass)", "toggle", "True"])
            try discovery.completePass(on: viewer)
            #expect(discovery.found.contains("found\(pass)"))
        }
        let log = try server.run("ACL", "LOG")
        let attempts = (log.array ?? []).reduce(0) { sum, entry in
            guard let kv = entry.array, let at = kv.firstIndex(where: { $0.string == "count" }), at + 1 < kv.count else { return sum }
            return sum + Int(kv[at + 1].int ?? 0)
        }
        #expect(attempts <= 1, "\(log)")
        // Asked to write, it is refused as a whole: nothing new under the toggle.
        let before = try server.run("DBSIZE").int
        #expect(throws: FlagtopError.self) {
            try db.report(ErrorReport(toggleName: "t", exceptionBody: "denied", toggleValue: "True", fingerPrint: "A", releaseNum: "1", time: 1_600_000_000), on: viewer)
        }
        #expect(try server.run("DBSIZE").int == before)
    }
}

/// A string shared with the thread that runs MONITOR.
private final class TextBox: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func set(_ value: String) { lock.withLock { text = value } }
    func get() -> String { lock.withLock { text } }
}
