import FlagtopCore
import RedisClient

/// What a data subcommand needs: settings, a connection, and the server's search backend on demand.
struct CommandContext {
    let settings: FlagtopSettings
    let connection: any RedisClientProtocol
    private(set) var info: ServerInfo?

    init(_ options: GlobalOptions) throws {
        (settings, connection) = try options.connect()
    }

    mutating func serverInfo() throws -> ServerInfo {
        if let info { return info }
        let probed = try ServerInfo.probe(connection)
        info = probed
        return probed
    }

    mutating func errorDatabase() throws -> ErrorDatabase {
        ErrorDatabase(settings: settings, backend: try serverInfo().search)
    }

    var toggles: ToggleStore { ToggleStore(settings: settings) }
    var sessions: SessionStore { SessionStore(settings: settings) }

    /// Registry toggles plus a full discovery pass (incremental SCAN steps) so redis-cli-made toggles show.
    func allToggles(discover: Bool = true) throws -> ToggleListing {
        var found: Set<String> = []
        if discover {
            var discovery = ToggleDiscovery(settings: settings)
            try discovery.completePass(on: connection)
            found = discovery.found
        }
        return try toggles.list(on: connection, extraNames: found)
    }
}
