import Testing
import FlagtopTestSupport

/// Every RESP2 reply type comes back as the right `RedisReply` case; error replies are typed.
@Suite struct ReplyTypeTests {
    @Test func wrongTypeIsAServerErrorAndTheConnectionStaysUsable() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        try c.send("SET", "s", "text")
        let error = redisError { try c.send("HGETALL", "s") }
        guard case let .server(code, message) = error else {
            Issue.record("expected .server, got \(String(describing: error))")
            return
        }
        #expect(code == "WRONGTYPE")
        #expect(message.hasPrefix("WRONGTYPE "))
        #expect(error?.isConnectionError == false)
        #expect(error?.isPermissionDenied == false)
        // Not thrown by perform; the same context answers the next command.
        #expect(try c.perform(RedisCommand("HGETALL", "s")).serverError?.code == "WRONGTYPE")
        #expect(try c.send("GET", "s") == .bulk(b("text")))
        #expect(c.connectCount == 1)
    }

    @Test func unknownCommandIsErrCode() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        let error = redisError { try c.send("NOSUCHCOMMAND", "x") }
        #expect(error?.code == "ERR")
        #expect(try c.send("PING") == .status("PONG"))
    }

    @Test func nullIntegerStatusAndBulk() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        #expect(try c.send("GET", "missing") == .null)
        #expect(try c.send("GET", "missing").isNull)
        #expect(try c.send("SET", "n", 41) == .status("OK"))
        #expect(try c.send("INCR", "n") == .integer(42))
        #expect(try c.send("INCRBY", "n", -100) == .integer(-58))
        #expect(try c.send("GET", "n") == .bulk(b("-58")))
        #expect(try c.send("GET", "n").int == -58)
        #expect(try c.send("SET", "big", Int64.max) == .status("OK"))
        #expect(try c.send("GET", "big").int == Int64.max)
        #expect(try c.send("PING") == .status("PONG"))
        #expect(try c.send("TYPE", "n") == .status("string"))
        #expect(try c.send("HGETALL", "missing") == .array([]))
        #expect(try c.send("HMGET", "missing", "a", "b") == .array([.null, .null]))
    }

    @Test func nestedArraysFromLua() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        let reply = try c.send("EVAL", "return {1,{2,{3,'x'}},false,'y'}", 0)
        // Lua false becomes a nil bulk reply inside the array.
        #expect(reply == .array([
            .integer(1),
            .array([.integer(2), .array([.integer(3), .bulk(b("x"))])]),
            .null,
            .bulk(b("y")),
        ]))
        let errorInside = try c.send("EVAL", "return {1, redis.error_reply('MYCODE custom')}", 0)
        #expect(errorInside == .array([.integer(1), .error("MYCODE custom")]))
    }

    @Test func streamRangeIsNested() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        try c.send("XADD", "st", "1-1", "f1", "v1", "f2", "v2")
        try c.send("XADD", "st", "2-1", "g", "w")
        let reply = try c.send("XRANGE", "st", "-", "+")
        #expect(reply == .array([
            .array([.bulk(b("1-1")), .array([.bulk(b("f1")), .bulk(b("v1")), .bulk(b("f2")), .bulk(b("v2"))])]),
            .array([.bulk(b("2-1")), .array([.bulk(b("g")), .bulk(b("w"))])]),
        ]))
        let first = try #require(reply.array?.first?.array?[1].pairs)
        #expect(first.map { String(decoding: $0.key, as: UTF8.self) } == ["f1", "f2"])
    }

    @Test func serverErrorCodeParsing() {
        #expect(RedisError.fromServer("WRONGTYPE Operation against a key") == .server(code: "WRONGTYPE", message: "WRONGTYPE Operation against a key"))
        #expect(RedisError.fromServer("NOPERM this user has no permissions").isPermissionDenied)
        #expect(RedisError.fromServer("MOVED 3999 127.0.0.1:6381").code == "MOVED")
        // A lower-case first word is not a code.
        #expect(RedisError.fromServer("user script failed").code == "ERR")
        #expect(RedisError.fromServer("").code == "ERR")
    }

    @Test func pairsRejectsOddArrays() {
        #expect(RedisReply.array([.bulk([1]), .bulk([2]), .bulk([3])]).pairs == nil)
        #expect(RedisReply.array([.bulk([1]), .array([])]).pairs == nil)
        #expect(RedisReply.bulk([1]).pairs == nil)
    }
}
