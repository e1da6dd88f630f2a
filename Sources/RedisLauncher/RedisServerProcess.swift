import Foundation
import RedisClient

/// A private `redis-server` for tests and `flagtop demo`: its own temp dir, a unix socket (or a free
/// loopback port), no persistence, RediSearch loaded when installed. Stopped by pid; the dir is removed.
///
/// Several processes can each run their own: every server gets a fresh `mkdtemp` directory.
public final class RedisServerProcess: @unchecked Sendable {
    /// What to start.
    public struct Configuration: Sendable {
        /// Load `/usr/lib/redis/modules/redisearch.so` (or `searchModulePath`) when the file exists.
        public var loadSearchModule: Bool = true
        public var searchModulePath: String = "/usr/lib/redis/modules/redisearch.so"
        /// Listen on a free loopback TCP port as well as the unix socket.
        public var tcp: Bool = false
        /// `requirepass` for the default user.
        public var password: String?
        /// Extra `--name value` arguments passed to redis-server.
        public var extraArguments: [String] = []
        /// How long to wait for the server to answer PING.
        public var startTimeout: Double = 10
        /// The redis-server to run; nil finds `redis-server` on the PATH. Redis Stack's launcher
        /// (`RedisStack.locate()`) is a script that execs its own redis-server, so the pid stays the server's.
        public var executablePath: String?

        public init(loadSearchModule: Bool = true, tcp: Bool = false, password: String? = nil, extraArguments: [String] = []) {
            self.loadSearchModule = loadSearchModule
            self.tcp = tcp
            self.password = password
            self.extraArguments = extraArguments
        }
    }

    public let configuration: Configuration
    /// The temp dir holding the socket and the log.
    public let directory: URL
    public let socketPath: String
    public private(set) var port: Int?
    public private(set) var searchModuleLoaded = false
    private var process: ChildProcess?
    private let lock = NSLock()

    /// The pid of the running server, or nil when stopped.
    public var pid: Int32? {
        lock.withLock { process.flatMap { $0.isRunning ? $0.pid : nil } }
    }

    /// Where clients connect: the unix socket, with the password when one was set.
    public var endpoint: RedisEndpoint {
        RedisEndpoint(address: .unix(path: socketPath), password: configuration.password)
    }

    /// The TCP endpoint when `tcp` was asked for.
    public var tcpEndpoint: RedisEndpoint? {
        port.map { RedisEndpoint(address: .tcp(host: "127.0.0.1", port: $0), password: configuration.password) }
    }

    /// `unix:///…/redis.sock` (no password in it).
    public var url: String { "unix://\(socketPath)" }

    /// Starts a server and waits until it answers PING.
    public init(_ configuration: Configuration = Configuration()) throws {
        self.configuration = configuration
        var template = Array((NSTemporaryDirectory() + "flagtop-redis-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw LauncherError.setup("mkdtemp failed: \(String(cString: strerror(errno)))") }
        directory = URL(fileURLWithPath: String(cString: made))
        socketPath = directory.appendingPathComponent("redis.sock").path
        if configuration.tcp { port = try Self.freePort() }
        do {
            try start()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit { stop() }

    /// Starts the server again with the same socket, port and settings (after `stop` or `kill`).
    public func start() throws {
        guard let executable = configuration.executablePath ?? Self.findExecutable("redis-server") else {
            throw LauncherError.setup("redis-server not found; install it with: apt-get install redis-server")
        }
        var arguments = [
            "--port", String(port ?? 0),
            "--bind", "127.0.0.1",
            "--unixsocket", socketPath,
            "--unixsocketperm", "700",
            "--save", "",
            "--appendonly", "no",
            "--dir", directory.path,
            "--daemonize", "no",
            "--logfile", directory.appendingPathComponent("redis.log").path,
            "--enable-debug-command", "local",
        ]
        if let password = configuration.password { arguments += ["--requirepass", password] }
        searchModuleLoaded = false
        if configuration.loadSearchModule, FileManager.default.fileExists(atPath: configuration.searchModulePath) {
            arguments += ["--loadmodule", configuration.searchModulePath]
            searchModuleLoaded = true
        }
        arguments += configuration.extraArguments
        let process = try ChildProcess(executable, arguments)
        lock.withLock { self.process = process }
        try waitUntilReady()
    }

    private func waitUntilReady() throws {
        let deadline = Date().addingTimeInterval(configuration.startTimeout)
        var lastError = "no answer"
        while Date() < deadline {
            guard let p = lock.withLock({ process }), p.isRunning else {
                throw LauncherError.startFailed("redis-server exited: \(logTail())")
            }
            if FileManager.default.fileExists(atPath: socketPath) {
                let connection = RedisConnection(endpoint: endpoint, options: RedisConnectionOptions(connectTimeout: 0.5, commandTimeout: 1, clientName: nil))
                do {
                    _ = try connection.send("PING")
                    return
                } catch {
                    lastError = error.description
                }
            }
            usleep(10_000)
        }
        stop()
        throw LauncherError.startFailed("redis-server did not answer within \(configuration.startTimeout)s (\(lastError)): \(logTail())")
    }

    /// Stops the server (SIGTERM, then SIGKILL after 3 s) and keeps the directory for a restart.
    public func stopServer() {
        guard let p = lock.withLock({ process }) else { return }
        if p.isRunning {
            p.signal(SIGTERM)
            if p.wait(timeout: 3) == nil { p.signal(SIGKILL); p.wait() }
        }
        lock.withLock { process = nil }
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    /// Kills the server with SIGKILL at once (a crash), keeping the directory for a restart.
    public func crash() {
        guard let p = lock.withLock({ process }) else { return }
        if p.isRunning { p.signal(SIGKILL); p.wait() }
        lock.withLock { process = nil }
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    /// Stops the server and removes its directory. Safe to call more than once.
    public func stop() {
        stopServer()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The last lines of the server log, for error messages.
    public func logTail(lines: Int = 5) -> String {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("redis.log"), encoding: .utf8) else { return "(no log)" }
        return text.split(separator: "\n").suffix(lines).joined(separator: " | ")
    }

    static func findExecutable(_ name: String) -> String? { ChildProcess.which(name) }

    /// Asks the kernel for a free loopback port.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LauncherError.setup("socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
        }
        guard bound == 0 else { throw LauncherError.setup("bind() failed") }
        let named = withUnsafeMutablePointer(to: &addr) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        guard named == 0 else { throw LauncherError.setup("getsockname() failed") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

/// Why a private server could not be started.
public enum LauncherError: Error, CustomStringConvertible, Sendable {
    case setup(String)
    case startFailed(String)

    public var description: String {
        switch self {
        case let .setup(m): return "cannot start a private Redis: \(m)"
        case let .startFailed(m): return "private Redis failed to start: \(m)"
        }
    }
}
