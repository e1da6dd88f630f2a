import ArgumentParser
import FlagtopCore
import FlagtopDashboard
import Foundation
import RedisClient

/// `flagtop` / `flagtop dashboard`: the full-screen dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "The full-screen dashboard (the default command).")
    @OptionGroup var options: GlobalOptions
    @Option(name: .long, help: "Seconds between refreshes (0.25-60).") var interval: Double = 1
    @Option(name: .long, help: "Theme name (default, light, high-contrast, mono, or one in $XDG_CONFIG_HOME/flagtop/themes) or a path to a .toml file.") var theme: String?

    func validate() throws {
        try NumericOption.check("--interval", interval, in: 0.25...60, unit: "seconds")
    }

    func run() throws {
        let settings = try options.settings()
        guard isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1 else {
            throw CLIFailure("the dashboard needs a terminal; use the subcommands (flagtop --help) in scripts")
        }
        try Self.failFastOnBadCredentials(settings)
        let app = DashboardApp(settings: settings, options: DashboardOptions(interval: interval, theme: theme))
        try app.run()
    }

    /// One connect before curses starts: wrong credentials will not fix themselves, so they end the program with
    /// one line (exit 1). Any other failure (server down, timeout) still opens the dashboard, disconnected, so
    /// on-call can watch the server come back.
    static func failFastOnBadCredentials(_ settings: FlagtopSettings) throws {
        let probe = RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-dashboard"))
        defer { probe.close() }
        do {
            try probe.connect()
            // A server with a password but none given only says NOAUTH on the first command.
            _ = try probe.send("PING")
        } catch {
            if case .authFailed = error { throw error }
        }
    }
}
