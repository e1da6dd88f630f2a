import Foundation

extension TmuxSession {
    /// The pid of the pane shell's child (the program the test started), nil when it has none.
    public func programPID() -> Int32? {
        guard let shell = panePID(),
              let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8) else { return nil }
        for word in children.split(separator: " ") {
            guard let pid = Int32(word) else { continue }
            // Skip `sleep` in commands like "sleep 1; flagtop …".
            let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            if !comm.hasPrefix("sleep") { return pid }
        }
        return nil
    }

    /// Sends raw bytes as if typed (`send-keys -H`), in one tmux call.
    public func sendBytes(_ bytes: [UInt8]) {
        let hex = bytes.map { String(format: "%02x", $0) }
        _ = try? ProcessRunner.run("tmux", ["send-keys", "-t", name, "-H"] + hex, environment: Self.environment())
    }

    /// Runs any tmux command (`show-buffer`, `set-option …`) and returns its stdout.
    @discardableResult
    public static func command(_ arguments: [String]) -> ProcessRunner.Result? {
        try? ProcessRunner.run("tmux", arguments, environment: environment())
    }
}
