import Foundation
import Testing
import FlagtopTestSupport

/// `RedisServerProcess`: private servers side by side, cleaned up on stop, with or without RediSearch.
@Suite struct LauncherTests {
    static let searchModule = "/usr/lib/redis/modules/redisearch.so"

    static func moduleNames(_ server: RedisServerProcess) throws -> [String] {
        let c = try RedisConnection(connectingTo: server.endpoint)
        let modules = try #require(try c.send("MODULE", "LIST").array)
        // Each entry is a flat [name, <n>, ver, <v>, …] array.
        return modules.compactMap { entry in
            guard let fields = entry.array, let i = fields.firstIndex(of: .bulk(b("name"))), i + 1 < fields.count else { return nil }
            return fields[i + 1].string
        }
    }

    /// The `SigBlk` mask of a process, from /proc.
    static func blockedSignals(_ pid: Int32) throws -> UInt64 {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") })
        return try #require(UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16))
    }

    @Test func twoServersRunSideBySideInSeparateDirectories() throws {
        let a = try RedisServerProcess(.init(loadSearchModule: false))
        let b2 = try RedisServerProcess(.init(loadSearchModule: false, tcp: true))
        defer { a.stop(); b2.stop() }
        #expect(a.directory != b2.directory)
        #expect(a.socketPath != b2.socketPath)
        #expect(a.socketPath.hasPrefix(a.directory.path) && b2.socketPath.hasPrefix(b2.directory.path))
        #expect(a.pid != nil && b2.pid != nil && a.pid != b2.pid)
        #expect(a.port == nil)
        let port = try #require(b2.port)
        #expect(b2.tcpEndpoint == RedisEndpoint(address: .tcp(host: "127.0.0.1", port: port)))

        let ca = try RedisConnection(connectingTo: a.endpoint)
        let cb = try RedisConnection(connectingTo: try #require(b2.tcpEndpoint))
        try ca.send("SET", "who", "a")
        try cb.send("SET", "who", "b")
        #expect(try ca.send("GET", "who") == .bulk(b("a")))
        #expect(try cb.send("GET", "who") == .bulk(b("b")))
        // The unix socket of b reaches the same server as its TCP port.
        #expect(try RedisConnection(connectingTo: b2.endpoint).send("GET", "who") == .bulk(b("b")))
        // The URL names the socket, and parses back to the endpoint.
        #expect(try RedisEndpoint(url: a.url) == a.endpoint)
        // No persistence: nothing is written into the directory but the socket and the log.
        let files = try FileManager.default.contentsOfDirectory(atPath: a.directory.path).sorted()
        #expect(files == ["redis.log", "redis.sock"], "\(files)")
    }

    @Test func stopKillsTheProcessAndRemovesTheDirectory() throws {
        let server = try RedisServerProcess(.init(loadSearchModule: false))
        let pid = try #require(server.pid)
        #expect(kill(pid, 0) == 0)
        #expect(FileManager.default.fileExists(atPath: server.directory.path))
        // Tests run on worker threads that block most signals; the server must not inherit that.
        let blocked = try Self.blockedSignals(pid)
        #expect(blocked & (1 << (SIGTERM - 1)) == 0, "SigBlk \(String(blocked, radix: 16))")
        #expect(blocked & (1 << (SIGINT - 1)) == 0, "SigBlk \(String(blocked, radix: 16))")
        let ((), took) = timed { server.stop() }
        #expect(took < 1.5, "stop took \(took)s: SIGTERM ignored, waited for SIGKILL")
        #expect(server.pid == nil)
        errno = 0
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "pid \(pid) still exists")
        #expect(!FileManager.default.fileExists(atPath: server.directory.path))
        server.stop()   // a second stop is harmless
        #expect(!FileManager.default.fileExists(atPath: server.directory.path))
    }

    @Test func crashKeepsTheDirectoryAndStartReusesTheSocket() throws {
        let server = try RedisServerProcess(.init(loadSearchModule: false))
        defer { server.stop() }
        let first = try #require(server.pid)
        server.crash()
        #expect(server.pid == nil)
        errno = 0
        #expect(kill(first, 0) == -1 && errno == ESRCH)
        #expect(FileManager.default.fileExists(atPath: server.directory.path))
        try server.start()
        let second = try #require(server.pid)
        #expect(second != first)
        #expect(try RedisConnection(connectingTo: server.endpoint).send("PING") == .status("PONG"))
    }

    @Test func searchModuleIsLoadedWhenInstalled() throws {
        let server = try RedisServerProcess(.init(loadSearchModule: true))
        defer { server.stop() }
        let installed = FileManager.default.fileExists(atPath: Self.searchModule)
        #expect(server.searchModuleLoaded == installed)
        let names = try Self.moduleNames(server)
        #expect(names.contains("ft") == installed, "modules: \(names)")
        if installed {
            let c = try RedisConnection(connectingTo: server.endpoint)
            #expect(try c.send("FT.CREATE", "idx", "SCHEMA", "title", "TEXT") == .status("OK"))
        }
    }

    @Test func plainServerWithoutSearch() throws {
        let server = try RedisServerProcess(.init(loadSearchModule: false))
        defer { server.stop() }
        #expect(!server.searchModuleLoaded)
        #expect(try Self.moduleNames(server) == [])
        let error = redisError { try RedisConnection(connectingTo: server.endpoint).send("FT.CREATE", "idx", "SCHEMA", "t", "TEXT") }
        #expect(error?.code == "ERR", "\(String(describing: error))")
    }

    @Test func missingModuleFileGivesAPlainServer() throws {
        var configuration = RedisServerProcess.Configuration(loadSearchModule: true)
        configuration.searchModulePath = "/nonexistent/redisearch.so"
        let server = try RedisServerProcess(configuration)
        defer { server.stop() }
        #expect(!server.searchModuleLoaded)
        #expect(try Self.moduleNames(server) == [])
    }

    @Test func passwordProtectedServerEndpointCarriesThePassword() throws {
        let server = try RedisServerProcess(.init(loadSearchModule: false, password: secretPassword))
        defer { server.stop() }
        #expect(server.endpoint.password == secretPassword)
        #expect(!leaks(server.url))
        #expect(try RedisConnection(connectingTo: server.endpoint).send("PING") == .status("PONG"))
        let anonymous = RedisConnection(endpoint: RedisEndpoint(address: .unix(path: server.socketPath)))
        guard case .authFailed = redisError({ try anonymous.send("PING") }) else {
            Issue.record("a server with requirepass let an anonymous client in")
            return
        }
    }

    @Test func failedStartIsReported() throws {
        let error = #expect(throws: LauncherError.self) {
            _ = try RedisServerProcess(.init(loadSearchModule: false, extraArguments: ["--no-such-option", "1"]))
        }
        #expect(error?.description.contains("failed to start") == true, "\(String(describing: error))")
    }
}
