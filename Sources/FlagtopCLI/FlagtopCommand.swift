import ArgumentParser
import FlagtopCore
import Foundation
import RedisClient

/// The `flagtop` executable: the dashboard by default, and scriptable subcommands (docs/architecture.md, docs/json.md).
public struct FlagtopCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "flagtop",
        abstract: "Run feature toggles in production on Redis: a live dashboard, a kill switch, error search and recent logs.",
        subcommands: [
            PingCommand.self, TogglesCommand.self, ToggleCommand.self, SetCommand.self, KillCommand.self, RestoreCommand.self,
            SessionsCommand.self, SessionCommand.self, DecideCommand.self, ErrorsCommand.self, LogCommand.self, LogsCommand.self,
            AuditCommand.self, SimulateCommand.self, DashboardCommand.self, DemoCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    public init() {}

    /// Runs the command line, turning every failure into one line on stderr and exit status 1.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        unblockSignals()
        do {
            var command = try parseAsRoot(arguments)
            // Parsing copied the arguments; mask the URL password where ps can read it.
            if arguments == nil { ArgvScrubber.scrubProcessArguments() }
            try command.run()
            Foundation.exit(0)
        } catch let failure as ExitCodeFailure {
            printError(failure.message)
            Foundation.exit(failure.code)
        } catch let failure as CLIFailure {
            printError(failure.description)
        } catch let error as RedisError {
            printError(error.description)
        } catch let error as FlagtopError {
            printError(error.description)
        } catch {
            exitWithArgumentError(error)
        }
        Foundation.exit(1)
    }

    /// What `exit(withError:)` does (help and usage on stdout with status 0, errors on stderr with their status),
    /// except that every line passes the terminal gate: argument errors quote what was typed, and an argument
    /// can hold escape sequences as well as any value from Redis can.
    static func exitWithArgumentError(_ error: Error) -> Never {
        let message = fullMessage(for: error)
        let code = exitCode(for: error)
        if !message.isEmpty {
            let text = Terminal.neutralised(message) + "\n"
            (code == .success ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8))
        }
        Foundation.exit(code.rawValue)
    }

    /// A parent may have started us with signals blocked (test runners, some supervisors); the dashboard
    /// needs SIGWINCH for resizes and SIGTERM/SIGHUP/SIGINT to shut down cleanly. Done before any thread starts,
    /// so every thread inherits the mask.
    static func unblockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func printError(_ message: String) {
        let line = message.split(whereSeparator: { $0.isNewline }).first.map(String.init) ?? message
        FileHandle.standardError.write(Data(("flagtop: " + Terminal.safe(line) + "\n").utf8))
    }
}
