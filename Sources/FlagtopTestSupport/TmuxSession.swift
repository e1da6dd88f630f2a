import Foundation

/// Drives a program in a detached tmux session, as a person at a terminal would: type keys, read the screen.
public final class TmuxSession: @unchecked Sendable {
    public let name: String

    /// Starts `command` (run by the shell) in a new session of `width`×`height` with `environment` added.
    public init(command: String, width: Int = 160, height: Int = 48, environment: [String: String] = [:]) throws {
        name = "flagtop-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var args = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height)]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        // Keep the pane after the program exits so its last screen and exit can be read.
        args += [command + "; echo; echo \"[exited $?]\"; sleep 30"]
        let result = try ProcessRunner.run("tmux", args, environment: Self.environment(), captureOutput: false)
        guard result.status == 0 else { throw TmuxError("tmux new-session failed with status \(result.status)") }
        _ = try ProcessRunner.run("tmux", ["set-option", "-t", name, "remain-on-exit", "on"], environment: Self.environment())
    }

    /// tmux needs TERM and a usable locale for UTF-8 box drawing.
    static func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = env["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm-256color"
        env["LANG"] = env["LANG"] ?? "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        return env
    }

    /// The visible screen as text.
    public func capture() -> String {
        (try? ProcessRunner.run("tmux", ["capture-pane", "-p", "-t", name], environment: Self.environment()).stdout) ?? ""
    }

    /// The pane's title (what OSC 0/2 sequences would change).
    public func title() -> String {
        (try? ProcessRunner.run("tmux", ["display-message", "-p", "-t", name, "#{pane_title}"], environment: Self.environment()).stdout) ?? ""
    }

    /// Sends tmux key names (`Enter`, `Escape`, `C-c`, `K`).
    public func send(_ keys: String...) {
        _ = try? ProcessRunner.run("tmux", ["send-keys", "-t", name] + keys, environment: Self.environment())
    }

    /// Types literal text.
    public func type(_ text: String) {
        _ = try? ProcessRunner.run("tmux", ["send-keys", "-t", name, "-l", text], environment: Self.environment())
    }

    public func resize(width: Int, height: Int) {
        _ = try? ProcessRunner.run("tmux", ["resize-window", "-t", name, "-x", String(width), "-y", String(height)], environment: Self.environment())
    }

    /// Waits until the screen satisfies `predicate`; returns the last capture either way.
    @discardableResult
    public func waitFor(timeout: Double = 10, _ predicate: (String) -> Bool) -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !predicate(screen) {
            if Date() > deadline { return (false, screen) }
            usleep(50_000)
            screen = capture()
        }
        return (true, screen)
    }

    /// The pid of the program running in the pane (the shell's child), if any.
    public func panePID() -> Int32? {
        let out = (try? ProcessRunner.run("tmux", ["display-message", "-p", "-t", name, "#{pane_pid}"], environment: Self.environment()).stdout) ?? ""
        return Int32(out.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    public func kill() {
        _ = try? ProcessRunner.run("tmux", ["kill-session", "-t", name], environment: Self.environment())
    }

    deinit { kill() }
}

/// tmux could not be driven.
public struct TmuxError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
