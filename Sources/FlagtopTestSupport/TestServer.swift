import Foundation
@_exported import RedisClient
@_exported import RedisLauncher

/// A private redis-server for one test, with helpers to talk to it. Stop it with `stop()` (or let it deinit).
public final class TestServer: @unchecked Sendable {
    public let process: RedisServerProcess

    public init(search: Bool = true, tcp: Bool = false, password: String? = nil, extraArguments: [String] = []) throws {
        process = try RedisServerProcess(.init(loadSearchModule: search, tcp: tcp, password: password, extraArguments: extraArguments))
        ExitCleanup.register(process)
        backend = search && process.searchModuleLoaded ? .search1 : .none
    }

    /// Which search backend a test server runs: Debian's RediSearch 1.2, Redis Stack 7.4.1 with search 2.10,
    /// or Debian's redis-server with no module.
    public enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
        case search1, search2, none
        public var description: String { rawValue }
    }

    /// The backend this server runs.
    public let backend: Backend

    /// A server with exactly `backend`: fails (never falls back to another backend) when it is not installed.
    public init(backend: Backend, tcp: Bool = false, password: String? = nil, extraArguments: [String] = []) throws {
        var configuration = RedisServerProcess.Configuration(loadSearchModule: backend != .none, tcp: tcp, password: password, extraArguments: extraArguments)
        switch backend {
        case .search1:
            guard FileManager.default.fileExists(atPath: configuration.searchModulePath) else {
                throw LauncherError.setup("RediSearch 1.x is not installed: apt-get install redis-redisearch")
            }
        case .search2:
            guard let stack = RedisStack.locate() else { throw LauncherError.setup(RedisStack.missingHint) }
            configuration.executablePath = stack.launcher
            configuration.searchModulePath = stack.searchModule
        case .none:
            break
        }
        process = try RedisServerProcess(configuration)
        ExitCleanup.register(process)
        self.backend = backend
    }

    public var endpoint: RedisEndpoint { process.endpoint }
    public var url: String { process.url }
    public var searchLoaded: Bool { process.searchModuleLoaded }

    /// A fresh connection (connected at once) with short timeouts.
    public func connection(commandTimeout: Double = 5) throws -> RedisConnection {
        try RedisConnection(connectingTo: endpoint, options: RedisConnectionOptions(commandTimeout: commandTimeout, clientName: "flagtop-test"))
    }

    /// Runs one command on a fresh admin connection.
    @discardableResult
    public func run(_ arguments: any RedisArgumentConvertible...) throws -> RedisReply {
        try connection().send(RedisCommand(arguments))
    }

    /// Runs `redis-cli -s <socket> args…` and returns its stdout (what a person would type).
    @discardableResult
    public func redisCLI(_ arguments: [String], stdin: String? = nil) throws -> String {
        var args = ["-s", process.socketPath]
        if let password = process.configuration.password { args += ["--no-auth-warning", "-a", password] }
        return try ProcessRunner.run("redis-cli", args + arguments, stdin: stdin).stdout
    }

    /// ACL rules of a read-only dashboard user: reads, search and tracking, no writes, no transactions
    /// (notes/redis.md §5.1).
    public static let readOnlyUserRules = ["~*", "&*", "+@read", "+@connection", "-@dangerous", "+FT.SEARCH", "+FT.INFO"]

    /// Adds (or replaces) the ACL user `name` with `password` and `rules` (`ACL SETUSER name on >password rules…`).
    public func addUser(_ name: String, password: String, rules: [String] = ["~*", "&*", "+@all"]) throws {
        try redisCLI(["ACL", "SETUSER", name, "reset", "on", ">\(password)"] + rules)
    }

    /// The TCP port of a server started with `tcp: true`.
    public func tcpPort() throws -> Int {
        guard let port = process.port else { throw ChildProcessError2("the server was started without TCP (tcp: true)") }
        return port
    }

    /// HGETALL as a dictionary of text (fields and values decoded leniently, as tests compare them).
    public func hash(_ key: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for pair in try run("HGETALL", key).pairs ?? [] {
            out[String(decoding: pair.key, as: UTF8.self)] = String(decoding: pair.value, as: UTF8.self)
        }
        return out
    }

    public func stop() { process.stop() }

    deinit { process.stop() }
}

/// Runs a program to completion and captures its output. Built on `ChildProcess` and plain threads, so it
/// never waits on Dispatch (whose two workers may both be busy running blocking tests on this machine).
public enum ProcessRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// `captureOutput: false` sends stdout/stderr to /dev/null: needed for programs that leave a daemon behind
    /// (tmux new-session), which would otherwise hold the pipes open forever.
    public static func run(_ program: String, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
                           timeout: Double = 60, captureOutput: Bool = true) throws -> Result {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1], inPipe: [Int32] = [-1, -1]
        if captureOutput {
            guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw ChildProcessError2("pipe failed") }
        }
        if stdin != nil { guard pipe(&inPipe) == 0 else { throw ChildProcessError2("pipe failed") } }
        for fd in [outPipe[0], errPipe[0], inPipe[1]] where fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let child: ChildProcess
        do {
            child = try ChildProcess(program, arguments, environment: environment,
                                     stdin: stdin == nil ? nil : inPipe[0],
                                     stdout: captureOutput ? outPipe[1] : nil, stderr: captureOutput ? errPipe[1] : nil)
        } catch {
            for fd in outPipe + errPipe + inPipe where fd >= 0 { close(fd) }
            throw error
        }
        for fd in [outPipe[1], errPipe[1], inPipe[0]] where fd >= 0 { close(fd) }
        let outBox = ByteBox(), errBox = ByteBox()
        let readers = [(outPipe[0], outBox), (errPipe[0], errBox)].filter { $0.0 >= 0 }.map { fd, box in
            let done = NSCondition()
            let finished = ByteBox()
            let thread = Thread {
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = read(fd, &buffer, buffer.count)
                    if n > 0 { box.append(buffer[0..<n]) } else if n < 0 && errno == EINTR { continue } else { break }
                }
                close(fd)
                done.lock(); finished.append([1]); done.signal(); done.unlock()
            }
            thread.start()
            return (done, finished)
        }
        if let stdin, inPipe[1] >= 0 {
            let bytes = Array(stdin.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(inPipe[1], $0.baseAddress, $0.count) }
                if n <= 0 { break }
                offset += n
            }
            close(inPipe[1])
        }
        var status = child.wait(timeout: timeout)
        if status == nil {
            child.signal(SIGTERM)
            status = child.wait(timeout: 1)
            if status == nil { child.signal(SIGKILL); status = child.wait() }
        }
        for (done, finished) in readers {
            done.lock()
            let deadline = Date().addingTimeInterval(5)
            while finished.isEmpty && Date() < deadline { _ = done.wait(until: deadline) }
            done.unlock()
        }
        return Result(status: status ?? -1, stdout: String(decoding: outBox.bytes, as: UTF8.self), stderr: String(decoding: errBox.bytes, as: UTF8.self))
    }

    private final class ByteBox: @unchecked Sendable {
        private let lock = NSLock()
        private var data: [UInt8] = []
        func append<S: Sequence>(_ more: S) where S.Element == UInt8 { lock.withLock { data.append(contentsOf: more) } }
        var bytes: [UInt8] { lock.withLock { data } }
        var isEmpty: Bool { lock.withLock { data.isEmpty } }
    }
}

struct ChildProcessError2: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
