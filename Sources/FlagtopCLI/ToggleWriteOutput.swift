import ArgumentParser
import FlagtopCore
import Foundation
import RedisClient

/// Runs one toggle write from the command line and prints its report; the exit status is the report's
/// (README "Exit status": 0 done and audited, 1 not done, 3 done but not completely — e.g. audit not written,
/// 4 outcome unknown after a lost reply, 5 done but no replica confirmed it).
///
/// Ctrl-C (SIGINT, also SIGTERM/SIGHUP) while the write is in flight does not abandon it: flagtop says it is
/// waiting, waits up to `interruptGrace` seconds for Redis's answer (the write itself is bounded by --timeout and
/// the read-back), prints the outcome, and only if none came exits 4 saying the outcome is unknown.
enum ToggleWriteOutput {
    static let interruptGrace = 5.0

    static func run(_ name: String, _ request: ToggleWriter.Request, options: GlobalOptions, waitMillis: Int, json: Bool) throws {
        let context = try CommandContext(options)
        let finished = InterruptLatch()
        let action = request.actionName
        SignalTrap.onTerminate {
            guard finished.interrupt() else { return }
            FileHandle.standardError.write(Data("flagtop: interrupted — waiting up to \(Int(interruptGrace)) s for Redis's answer to the \(action)…\n".utf8))
            Thread.sleep(forTimeInterval: interruptGrace)
            if finished.isDone { return }
            let line = "flagtop: interrupted before Redis answered: the outcome of the \(action) of \(Terminal.safe(name)) is unknown — check with `flagtop toggle \(Terminal.safe(name))`\n"
            FileHandle.standardError.write(Data(line.utf8))
            Foundation.exit(4)
        }
        let writer = ToggleWriter(settings: context.settings, waitMillis: waitMillis)
        let report = writer.write(name, request, on: context.connection)
        finished.finish()
        try show(report, json: json)
    }

    static func show(_ report: ToggleWriteReport, json: Bool) throws {
        let status = report.exitStatus
        let summary = Terminal.safe(report.summary)
        if status == 1 || status == 4 {
            // Not done, or unknown: one line on stderr, nothing on stdout.
            if status == 4 { for note in report.notes { Terminal.note(note) } }
            throw ExitCodeFailure(message: summary, code: status)
        }
        if json, let state = report.state {
            Terminal.print(JSON.toggle(state).encoded)
        } else {
            Terminal.print(summary)
        }
        for note in report.notes where !(report.nothingToDo && note == report.notes.first) { Terminal.note(note) }
        if status != 0 { throw ExitCode(status) }
    }
}

/// A failure with its own exit status, printed as one line on stderr by `FlagtopCommand.runMain`.
struct ExitCodeFailure: Error {
    var message: String
    var code: Int32
}

/// Whether the write finished, and whether an interrupt is already being handled.
final class InterruptLatch: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var interrupted = false

    func finish() { lock.withLock { done = true } }
    var isDone: Bool { lock.withLock { done } }
    /// True for the first interrupt while not done (later ones are ignored: the wait is already bounded).
    func interrupt() -> Bool {
        lock.withLock {
            if done || interrupted { return false }
            interrupted = true
            return true
        }
    }
}

extension ToggleWriter.Request {
    var actionName: String {
        switch self {
        case .kill: return "kill"
        case .restore: return "restore"
        case .set: return "set"
        case .delete: return "delete"
        }
    }
}
