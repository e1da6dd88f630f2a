import Foundation

/// A child process started with `posix_spawn` and reaped with `waitpid`, without Foundation's `Process`,
/// whose exit monitoring runs on Dispatch and can starve when every worker thread is busy. The child
/// starts with an empty signal mask and default handlers, whatever the spawning thread had blocked.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Spawns `executable` (an absolute path, or a name looked up in PATH). File descriptors default to /dev/null.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                stdin: Int32? = nil, stdout: Int32? = nil, stderr: Int32? = nil) throws {
        let path = executable.hasPrefix("/") ? executable : (Self.which(executable) ?? executable)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, target) in [(stdin, STDIN_FILENO), (stdout, STDOUT_FILENO), (stderr, STDERR_FILENO)] {
            if let fd { posix_spawn_file_actions_adddup2(&actions, fd, target) }
            else { posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGWINCH] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, path, &actions, &attributes, argv, env)
        guard rc == 0 else { throw ChildProcessError("cannot start \(executable): \(String(cString: strerror(rc)))") }
        pid = child
    }

    /// Whether the child is still running (reaps it when it has exited).
    public var isRunning: Bool { poll() == nil }

    /// The exit status (or 128 + signal) once the child has exited.
    public var status: Int32? { poll() }

    private func poll() -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var raw: Int32 = 0
        let r = waitpid(pid, &raw, WNOHANG)
        if r == pid {
            exitStatus = Self.decode(raw)
        } else if r < 0 && errno == ECHILD {
            exitStatus = -1
        }
        return exitStatus
    }

    /// Waits for the child to exit, at most `timeout` seconds (forever when nil); returns its status or nil.
    @discardableResult
    public func wait(timeout: Double? = nil) -> Int32? {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while true {
            if let s = poll() { return s }
            if let deadline, Date() >= deadline { return nil }
            usleep(2_000)
        }
    }

    public func signal(_ sig: Int32) {
        if isRunning { kill(pid, sig) }
    }

    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    /// The first executable called `name` on PATH (plus the usual system folders).
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin"] {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// A child process could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
