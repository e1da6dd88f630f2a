import ArgumentParser
import FlagtopCore
import Foundation
import RedisClient

/// `flagtop ping`: server version, search backend and round-trip time.
struct PingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Connect, then print the server version, the search backend and the round-trip time."
    )

    @OptionGroup var options: GlobalOptions
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let (settings, connection) = try options.connect()
        let info = try ServerInfo.probe(connection)
        var samples: [Double] = []
        for _ in 0..<5 {
            let start = ContinuousClock.now
            try connection.send("PING")
            let d = ContinuousClock.now - start
            samples.append(Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
        }
        let rtt = samples.sorted()[samples.count / 2]
        let module: String
        switch info.search {
        case let .rediSearch1(v): module = "ft \(v)"
        case let .rediSearch2(v): module = "search \(v.map(String.init) ?? "?")"
        case .basic: module = "none"
        }
        if json {
            Terminal.print(JSON.object([
                ("server", .string(settings.endpoint.redacted)),
                ("deployment", .string(deploymentDescription(of: connection))),
                ("tls", .bool(settings.endpoint.tls != nil)),
                ("version", info.version.map(JSON.string) ?? .null),
                ("search", .string(info.search.displayName)),
                ("module", .string(module)),
                ("rttMillis", .number(rtt)),
            ]).encoded)
        } else {
            Terminal.print("server:  \(Terminal.safe(settings.endpoint.redacted))")
            Terminal.print("deployment: \(Terminal.safe(deploymentDescription(of: connection)))" + (settings.endpoint.tls != nil ? " (TLS)" : ""))
            Terminal.print("version: \(Terminal.safe(info.version ?? "unknown"))")
            Terminal.print("search:  \(info.search.displayName) (module: \(module))")
            Terminal.print("rtt:     \(String(format: "%.3f", rtt)) ms")
        }
    }
}
