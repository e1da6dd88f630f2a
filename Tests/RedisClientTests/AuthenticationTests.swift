import Testing
import FlagtopTestSupport

/// AUTH with ACL users and `requirepass`, and how denials surface.
@Suite struct AuthenticationTests {
    /// A server with an ACL user `alice` (all commands) and `reader` (reads only), over TCP and unix.
    static func aclServer() throws -> TestServer {
        let server = try TestServer(search: false, tcp: true)
        try server.run("ACL", "SETUSER", "alice", "on", ">correct-horse", "~*", "+@all")
        try server.run("ACL", "SETUSER", "reader", "on", ">read-pw", "~*", "+@read", "+@connection", "-@write")
        try server.run("HSET", "h", "f", "v")
        return server
    }

    static func tcpURL(_ server: TestServer, userInfo: String, db: Int = 0) throws -> String {
        let port = try #require(server.process.port)
        return "redis://\(userInfo)@127.0.0.1:\(port)/\(db)"
    }

    @Test func aclUserFromURLCanReadAndWrite() throws {
        let server = try Self.aclServer()
        let endpoint = try RedisEndpoint(url: try Self.tcpURL(server, userInfo: "alice:correct-horse"))
        let c = try RedisConnection(connectingTo: endpoint, options: quickOptions())
        #expect(try c.send("ACL", "WHOAMI") == .bulk(b("alice")))
        #expect(try c.send("HSET", "h", "g", "w") == .integer(1))
        #expect(try c.send("HGET", "h", "g") == .bulk(b("w")))
    }

    @Test func aclUserOnUnixEndpointFields() throws {
        let server = try Self.aclServer()
        let c = try RedisConnection(connectingTo: unixEndpoint(server, user: "alice", password: "correct-horse"), options: quickOptions())
        #expect(try c.send("ACL", "WHOAMI") == .bulk(b("alice")))
    }

    @Test func wrongPasswordIsAuthFailedWithoutThePassword() throws {
        let server = try Self.aclServer()
        let endpoint = try RedisEndpoint(url: try Self.tcpURL(server, userInfo: "alice:\(secretPassword)"))
        let connection = RedisConnection(endpoint: endpoint, options: quickOptions())
        let error = redisError { try connection.send("PING") }
        guard case let .authFailed(message) = error else {
            Issue.record("expected .authFailed, got \(String(describing: error))")
            return
        }
        #expect(message.contains("WRONGPASS"), "\(message)")
        #expect(message.contains("alice"))
        #expect(!leaks(message) && !leaks(error!.description), "\(error!.description)")
        #expect(connection.lastError.map { leaks($0.description) } == false)
        #expect(!connection.isConnected)
        #expect(connection.connectCount == 0)
    }

    @Test func unknownUserIsAuthFailed() throws {
        let server = try Self.aclServer()
        let c = RedisConnection(endpoint: unixEndpoint(server, user: "mallory", password: secretPassword), options: quickOptions())
        let error = redisError { try c.connect() }
        guard case .authFailed = error else {
            Issue.record("expected .authFailed, got \(String(describing: error))")
            return
        }
        #expect(!leaks(error!.description))
    }

    @Test func writeDeniedByACLIsPermissionDenied() throws {
        let server = try Self.aclServer()
        let endpoint = try RedisEndpoint(url: try Self.tcpURL(server, userInfo: "reader:read-pw"))
        let c = try RedisConnection(connectingTo: endpoint, options: quickOptions())
        #expect(try c.send("HGETALL", "h") == .array([.bulk(b("f")), .bulk(b("v"))]))
        let error = redisError { try c.send("HSET", "h", "f", "changed") }
        #expect(error?.code == "NOPERM", "\(String(describing: error))")
        #expect(error?.isPermissionDenied == true)
        #expect(error?.isConnectionError == false)
        #expect(error?.description.hasPrefix("denied by the Redis ACL") == true)
        // Still connected and nothing changed.
        #expect(try c.send("HGET", "h", "f") == .bulk(b("v")))
        #expect(c.connectCount == 1)
    }

    @Test func requirepassWithPasswordWorks() throws {
        let server = try TestServer(search: false, password: secretPassword)
        let c = try server.connection()
        #expect(try c.send("PING") == .status("PONG"))
        #expect(try c.send("ACL", "WHOAMI") == .bulk(b("default")))
    }

    @Test func requirepassWithoutPasswordIsAuthFailedNoAuth() throws {
        let server = try TestServer(search: false, password: secretPassword)
        let c = RedisConnection(endpoint: unixEndpoint(server), options: quickOptions())
        let error = redisError { try c.send("PING") }
        guard case let .authFailed(message) = error else {
            Issue.record("expected .authFailed, got \(String(describing: error))")
            return
        }
        #expect(message.contains("NOAUTH"), "\(message)")
        #expect(!c.isConnected)
    }

    /// With no client name and db 0 there is no handshake, so NOAUTH arrives as the first reply.
    @Test func requirepassWithoutPasswordOrHandshakeIsAuthFailedToo() throws {
        let server = try TestServer(search: false, password: secretPassword)
        let c = RedisConnection(endpoint: unixEndpoint(server), options: quickOptions(clientName: nil))
        let error = redisError { try c.send("GET", "k") }
        guard case let .authFailed(message) = error else {
            Issue.record("expected .authFailed, got \(String(describing: error))")
            return
        }
        #expect(message.contains("NOAUTH"), "\(message)")
        #expect(RedisReply.error("NOAUTH Authentication required.").serverError == error)
    }

    @Test func requirepassWithWrongPasswordIsAuthFailed() throws {
        let server = try TestServer(search: false, password: "the-real-one")
        let c = RedisConnection(endpoint: unixEndpoint(server, password: secretPassword), options: quickOptions())
        let error = redisError { try c.send("PING") }
        guard case .authFailed = error else {
            Issue.record("expected .authFailed, got \(String(describing: error))")
            return
        }
        #expect(!leaks(error!.description), "\(error!.description)")
        #expect(!leaks(String(describing: c.lastError)))
    }
}
