import FlagtopCore
import FlagtopTestSupport

/// A private server of one search backend, a connection to it and the error database over it: what every
/// error-database suite starts from.
struct ErrorDatabaseEnv {
    let server: TestServer
    let connection: RedisConnection
    let db: ErrorDatabase

    /// The index is created (or found) unless `ensureIndex` is false.
    init(_ backend: TestServer.Backend, ensureIndex: Bool = true) throws {
        server = try TestServer(backend: backend)
        connection = try server.connection()
        db = ErrorDatabase(settings: FlagtopSettings(endpoint: server.endpoint, actor: "tester"), backend: try ServerInfo.probe(connection).search)
        if ensureIndex { try db.ensureIndex(on: connection) }
    }
}
