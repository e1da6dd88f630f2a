import ArgumentParser
import FlagtopCore
import FlagtopSimulator
import Foundation
import RedisClient
import RedisLauncher

/// `flagtop demo`: a private redis-server with the seeds' data and live canary traffic, shown in the dashboard.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a private redis-server with the seeds' example data and live canary traffic, and open the dashboard on it."
    )

    func run() throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let connection = try RedisConnection(connectingTo: server.endpoint)
        let loaded = try SeedData.load(into: connection, withSearch: server.searchModuleLoaded)
        let info = try ServerInfo.probe(connection)
        Terminal.print("private redis-server \(info.version ?? "?") at \(server.url) (pid \(server.pid.map(String.init) ?? "?"))")
        Terminal.print("search backend: \(info.search.displayName)")
        for line in loaded { Terminal.print("loaded \(line)") }
        Terminal.print("stopping the private server")
    }
}
