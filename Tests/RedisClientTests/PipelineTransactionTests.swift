import Testing
import FlagtopTestSupport

/// Pipelines keep replies in order; `transaction` is all-or-nothing for queue-time errors.
@Suite struct PipelineTransactionTests {
    @Test func tenThousandCommandsInOnePipeline() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        var commands: [RedisCommand] = []
        for i in 0..<10_000 {
            switch i % 4 {
            case 0: commands.append(RedisCommand("SET", "k\(i)", "v\(i)"))
            case 1: commands.append(RedisCommand("GET", "k\(i - 1)"))
            case 2: commands.append(RedisCommand("INCRBY", "counter", i))
            default: commands.append(RedisCommand("HGETALL", "k\(i - 3)"))   // WRONGTYPE, in place
            }
        }
        let replies = try c.pipeline(commands)
        #expect(replies.count == 10_000)
        var running: Int64 = 0
        var mismatches = 0
        for (i, reply) in replies.enumerated() {
            let ok: Bool
            switch i % 4 {
            case 0: ok = reply == .status("OK")
            case 1: ok = reply == .bulk(b("v\(i - 1)"))
            case 2: running += Int64(i); ok = reply == .integer(running)
            default: ok = reply.serverError?.code == "WRONGTYPE"
            }
            if !ok { mismatches += 1; if mismatches < 5 { Issue.record("reply \(i) out of order: \(reply)") } }
        }
        #expect(mismatches == 0)
        #expect(try c.send("DBSIZE") == .integer(2_501))
        #expect(try c.pipeline([]) == [])
    }

    @Test func emptyCommandIsRejectedWithoutDesynchronisingReplies() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        try c.send("SET", "a", "1")
        let error = redisError { try c.pipeline([RedisCommand("SET", "a", "2"), RedisCommand([[UInt8]]())]) }
        #expect(error == .protocolError("empty command"))
        // Nothing of the rejected batch was sent, and the next reply belongs to the next command.
        #expect(try c.send("GET", "a") == .bulk(b("1")))
        #expect(try c.send("ECHO", "x") == .bulk(b("x")))
    }

    @Test func transactionIsAtomicAndReturnsExecResults() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        let results = try c.transaction([
            RedisCommand("SET", "t:a", "1"),
            RedisCommand("INCR", "t:a"),
            RedisCommand("HSET", "t:h", "f", "v"),
            RedisCommand("GET", "t:a"),
        ])
        #expect(results == [.status("OK"), .integer(2), .integer(1), .bulk(b("2"))])
        // The connection is out of MULTI afterwards.
        #expect(try c.send("GET", "t:a") == .bulk(b("2")))
    }

    @Test func queueTimeRejectionThrowsAndAppliesNothing() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        try c.send("SET", "before", "unchanged")
        let error = redisError {
            try c.transaction([
                RedisCommand("SET", "before", "changed"),
                RedisCommand("SET", "only-a-key"),            // wrong arity: rejected while queueing
                RedisCommand("SET", "new", "value"),
            ])
        }
        #expect(error?.code == "ERR", "\(String(describing: error))")
        #expect(error?.description.contains("wrong number of arguments") == true)
        #expect(try c.send("GET", "before") == .bulk(b("unchanged")))
        #expect(try c.send("EXISTS", "new") == .integer(0))
        // Not left inside MULTI: a plain command runs at once.
        #expect(try c.send("SET", "after", "x") == .status("OK"))
        #expect(try c.send("GET", "after") == .bulk(b("x")))
    }

    @Test func runtimeErrorInsideExecComesBackInPlace() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        try c.send("SET", "str", "abc")
        let results = try c.transaction([
            RedisCommand("SET", "x", "1"),
            RedisCommand("INCR", "str"),                      // fails only when EXEC runs it
            RedisCommand("INCR", "x"),
        ])
        #expect(results.count == 3)
        #expect(results[0] == .status("OK"))
        #expect(results[1].serverError?.code == "ERR")
        #expect(results[2] == .integer(2))
        #expect(try c.send("GET", "x") == .bulk(b("2")))
    }

    @Test func watchedKeyChangeAbortsWithExecAbort() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        let other = try server.connection()
        try c.send("SET", "w", "0")
        try c.send("WATCH", "w")
        try other.send("SET", "w", "changed elsewhere")
        let error = redisError { try c.transaction([RedisCommand("SET", "w", "mine")]) }
        #expect(error?.code == "EXECABORT")
        #expect(try c.send("GET", "w") == .bulk(b("changed elsewhere")))
    }
}
