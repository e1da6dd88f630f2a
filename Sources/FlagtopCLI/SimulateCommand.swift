import ArgumentParser
import FlagtopCore
import FlagtopSimulator
import Foundation

/// `flagtop simulate`: canary traffic against any Redis.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Send canary traffic: sessions, routing decisions, errors on the new code path and recent logs."
    )
    @OptionGroup var options: GlobalOptions
    @Option(name: .long, help: "Requests per second.") var rate: Double = 20
    @Option(name: .long, help: "Chance (0-1) that a canary request on the new code fails.") var errorRate: Double = 0.3
    @Option(name: .long, help: "Seconds to run (default: until interrupted).") var duration: Double?
    @Option(name: .long, help: "Random seed.") var seed: UInt64 = 42

    func validate() throws {
        try NumericOption.check("--rate", rate, in: 0.001...100_000, unit: "requests per second")
        try NumericOption.check("--error-rate", errorRate, in: 0...1, unit: "")
        if let duration { try NumericOption.check("--duration", duration, in: 0...31_536_000, unit: "seconds") }
    }

    func run() throws {
        let settings = try options.settings()
        guard !settings.readOnly else { throw FlagtopError.readOnly }
        var simOptions = CanarySimulator.Options()
        simOptions.rate = rate
        simOptions.errorRate = errorRate
        simOptions.duration = duration
        simOptions.seed = seed
        let simulator = CanarySimulator(settings: settings, options: simOptions)
        SignalTrap.onTerminate { simulator.stop() }
        simulator.run()
        let stats = simulator.stats
        Terminal.print("requests: \(stats.requests), new code: \(stats.newCode.values.reduce(0, +)), errors: \(stats.errors.values.reduce(0, +)), failures: \(stats.failures)")
        if let failure = stats.lastFailure, stats.requests == 0 { throw CLIFailure(failure) }
    }
}
