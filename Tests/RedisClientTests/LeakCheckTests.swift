import Foundation
import Testing
import FlagtopTestSupport

/// 10,000 mixed commands on one connection, for `scripts/leak-check.sh` to run under valgrind.
/// Skipped unless FLAGTOP_LEAK_CHECK=1. Under valgrind, Foundation's `Process` cannot spawn
/// (it closes valgrind's own descriptors and gets EBADF), so the script starts the server and
/// passes its URL in FLAGTOP_LEAK_CHECK_URL; without it a private server is started as usual.
@Suite struct LeakCheckTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FLAGTOP_LEAK_CHECK"] == "1"))
    func leakCheck10kCommands() throws {
        let external = ProcessInfo.processInfo.environment["FLAGTOP_LEAK_CHECK_URL"]
        let server = external == nil ? try TestServer(search: false) : nil
        let endpoint = try external.map { try RedisEndpoint(url: $0) } ?? unixEndpoint(server!, db: 1)
        let c = try RedisConnection(connectingTo: endpoint, options: quickOptions(commandTimeout: 30))
        try c.send("FLUSHDB")
        var sent = 0
        var round = 0
        while sent < 10_000 {
            let value: [UInt8] = [0, 0x1B, 0xFF] + b("v\(round)")
            try c.send("SET", "s\(round % 50)", value)
            #expect(try c.send("GET", "s\(round % 50)") == .bulk(value))
            try c.send("HSET", "h\(round % 20)", "f\(round % 7)", value)
            #expect(try c.send("HGETALL", "h\(round % 20)").array != nil)
            #expect(try c.send("GET", "missing") == .null)
            #expect(redisError { try c.send("HGETALL", "s\(round % 50)") }?.code == "WRONGTYPE")
            let replies = try c.pipeline((0..<10).map { RedisCommand("INCRBY", "n", $0) } + [RedisCommand("NOSUCH")])
            #expect(replies.count == 11 && replies.last?.serverError != nil)
            let results = try c.transaction([RedisCommand("INCR", "t"), RedisCommand("INCR", "s0"), RedisCommand("EVAL", "return {1,{2,'x'}}", 0)])
            #expect(results.count == 3 && results[1].serverError != nil)
            #expect(redisError { try c.transaction([RedisCommand("SET", "arity")]) } != nil)
            sent += 6 + 11 + 5 + 3
            round += 1
        }
        // One reconnect on the way, so a freed context and a fresh handshake are covered too.
        c.close()
        #expect(try c.send("PING") == .status("PONG"))
        #expect(sent >= 10_000)
    }
}
