import ArgumentParser
import FlagtopCore
import FlagtopDashboard
import FlagtopSimulator
import Foundation
import RedisClient
import RedisLauncher

/// `flagtop demo`: a private redis-server with the seeds' data and live canary traffic, shown in the dashboard.
/// The server runs on a unix socket in a temp dir and is stopped, and the dir removed, on every way out.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a private redis-server with the seeds' example data and live canary traffic, and open the dashboard on it."
    )
    @Option(name: .long, help: "Requests per second of simulated traffic.") var rate: Double = 20
    @Option(name: .long, help: "Chance (0-1) that a canary request on the new code fails.") var errorRate: Double = 0.3
    @Option(name: .long, help: "Seconds between dashboard refreshes.") var interval: Double = 1
    @Option(name: .long, help: "Theme name or path.") var theme: String?
    @Flag(name: .long, help: "Run the server and the traffic without the dashboard, printing progress, until interrupted or --duration.") var headless = false
    @Option(name: .long, help: "With --headless: seconds to run.") var duration: Double?

    func validate() throws {
        try NumericOption.check("--rate", rate, in: 0.001...100_000, unit: "requests per second")
        try NumericOption.check("--error-rate", errorRate, in: 0...1, unit: "")
        try NumericOption.check("--interval", interval, in: 0.25...60, unit: "seconds")
        if let duration { try NumericOption.check("--duration", duration, in: 0...31_536_000, unit: "seconds") }
    }

    func run() throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let connection = try RedisConnection(connectingTo: server.endpoint)
        var settings = FlagtopSettings(endpoint: server.endpoint, actor: FlagtopSettings.defaultActor())
        settings.timeout = 2
        // flagtop's own index (the seeds' schema plus STOPWORDS 0 and `ts`), so new errors sort newest first;
        // the seeds' FT.CREATE is then skipped and their FT.ADD goes into it unchanged.
        let info = try ServerInfo.probe(connection)
        try ErrorDatabase(settings: settings, backend: info.search).ensureIndex(on: connection)
        try SeedData.load(into: connection, withSearch: server.searchModuleLoaded)
        for (name, message, severity) in SeedData.logLines {
            _ = try? RecentLogs().log(name: name, message: message, severity: severity, on: connection)
        }
        var simOptions = CanarySimulator.Options()
        simOptions.rate = rate
        simOptions.errorRate = errorRate
        let simulator = CanarySimulator(settings: settings, options: simOptions)
        simulator.start()
        defer { simulator.stop() }

        if headless {
            let stop = Locked(false)
            SignalTrap.onTerminate { stop.set(true) }
            Terminal.print("demo: private redis-server at \(server.url) (pid \(server.pid.map(String.init) ?? "?"))")
            let started = Date()
            while !stop.get() {
                if let duration, Date().timeIntervalSince(started) >= duration { break }
                usleep(200_000)
            }
            let s = simulator.stats
            Terminal.print("demo: \(s.requests) requests, \(s.errors.values.reduce(0, +)) errors; stopping")
            return
        }
        guard isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1 else {
            throw CLIFailure("the demo dashboard needs a terminal (try --headless)")
        }
        let app = DashboardApp(settings: settings, options: DashboardOptions(interval: interval, theme: theme))
        try app.run()
    }
}
