import Testing
import FlagtopTestSupport

/// The database in the URL is selected on connect and again on every reconnect.
@Suite struct DatabaseSelectionTests {
    @Test func databaseFromURLIsSelected() throws {
        let server = try TestServer(search: false)
        let db3 = try RedisConnection(connectingTo: try RedisEndpoint(url: "\(server.url)?db=3"), options: quickOptions())
        try db3.send("SET", "only-in-3", "yes")

        let again = try RedisConnection(connectingTo: unixEndpoint(server, db: 3), options: quickOptions())
        #expect(try again.send("GET", "only-in-3") == .bulk(b("yes")))
        let db0 = try RedisConnection(connectingTo: unixEndpoint(server), options: quickOptions())
        #expect(try db0.send("GET", "only-in-3") == .null)
        #expect(try db0.send("DBSIZE") == .integer(0))
        // Cross-check with the server's own view of the database.
        #expect(try db0.send("SELECT", 3) == .status("OK"))
        #expect(try db0.send("GET", "only-in-3") == .bulk(b("yes")))
    }

    @Test func databaseFromTCPURLIsSelected() throws {
        let server = try TestServer(search: false, tcp: true)
        let port = try #require(server.process.port)
        let c = try RedisConnection(connectingTo: try RedisEndpoint(url: "redis://127.0.0.1:\(port)/5"), options: quickOptions())
        try c.send("SET", "k", "in-5")
        let info = try #require(try c.send("CLIENT", "INFO").string)
        #expect(info.contains(" db=5 "), "\(info)")
        #expect(try server.run("GET", "k") == .null)
    }

    @Test func databaseIsReselectedAfterReconnect() throws {
        let server = try TestServer(search: false)
        let c = try RedisConnection(connectingTo: unixEndpoint(server, db: 3), options: quickOptions())
        try c.send("SET", "before", "1")
        try server.run("CLIENT", "KILL", "TYPE", "normal")
        let broken = redisError { try c.send("SET", "after", "2") }
        #expect(broken?.isConnectionError == true, "\(String(describing: broken))")
        // The next call reconnects; it must land in db 3 again, not db 0.
        try c.send("SET", "after", "2")
        #expect(c.connectCount == 2)
        let db3 = try RedisConnection(connectingTo: unixEndpoint(server, db: 3), options: quickOptions())
        #expect(try db3.send("MGET", "before", "after") == .array([.bulk(b("1")), .bulk(b("2"))]))
        #expect(try server.run("DBSIZE") == .integer(0))
    }

    @Test func databaseOutOfRangeFailsClearly() throws {
        let server = try TestServer(search: false)
        let c = RedisConnection(endpoint: unixEndpoint(server, db: 99), options: quickOptions())
        let error = redisError { try c.send("PING") }
        #expect(error?.description.contains("SELECT 99") == true, "\(String(describing: error))")
        #expect(!c.isConnected)
    }
}
