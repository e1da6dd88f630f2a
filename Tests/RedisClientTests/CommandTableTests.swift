import Foundation
import Testing
import FlagtopTestSupport
@testable import RedisClient

/// The command table agrees with the server: keys as `COMMAND GETKEYS` finds them, write-ness as
/// `COMMAND INFO`'s flags say.
@Suite struct CommandTableTests {
    static let samples: [[String]] = [
        ["HGETALL", "t"], ["HGET", "t", "f"], ["HMGET", "t", "a", "b"], ["HEXISTS", "t", "f"], ["HLEN", "t"], ["HKEYS", "t"],
        ["HSET", "t", "f", "v"], ["HSETNX", "t", "f", "v"], ["HDEL", "t", "f"], ["HINCRBY", "t", "f", "1"],
        ["TYPE", "t"], ["TTL", "t"], ["PTTL", "t"], ["EXISTS", "a", "b", "c"], ["DEL", "a", "b"], ["UNLINK", "a"],
        ["EXPIRE", "t", "5"], ["PEXPIRE", "t", "5"], ["WATCH", "a", "b"], ["GET", "a"], ["SET", "a", "v"], ["INCR", "a"],
        ["INCRBY", "a", "2"], ["MSET", "a", "1", "b", "2"],
        ["LRANGE", "l", "0", "-1"], ["LLEN", "l"], ["LPUSH", "l", "x"], ["RPUSH", "l", "x"], ["LTRIM", "l", "0", "99"],
        ["SMEMBERS", "s"], ["SISMEMBER", "s", "m"], ["SCARD", "s"], ["SADD", "s", "m"], ["SREM", "s", "m"],
        ["ZADD", "z", "1", "m"], ["ZREMRANGEBYRANK", "z", "0", "1"], ["ZREMRANGEBYSCORE", "z", "0", "1"],
        ["ZRANGEBYSCORE", "z", "0", "1"], ["ZREVRANGE", "z", "0", "1"], ["ZRANGE", "z", "0", "1"], ["ZCARD", "z"], ["ZCOUNT", "z", "0", "1"],
        ["XADD", "x", "MAXLEN", "~", "1000", "*", "f", "v"], ["XRANGE", "x", "-", "+"], ["XREVRANGE", "x", "+", "-"], ["XLEN", "x"],
        ["XINFO", "STREAM", "x"],
        ["EVAL", "return 1", "2", "k1", "k2", "arg"], ["EVALSHA", String(repeating: "a", count: 40), "1", "k1"],
        ["EVAL_RO", "return 1", "1", "k1"], ["EVALSHA_RO", String(repeating: "a", count: 40), "0"],
        ["PING"], ["INFO"], ["SCAN", "0"], ["CLIENT", "ID"], ["ROLE"], ["DBSIZE"], ["TIME"], ["PUBLISH", "c", "m"],
        ["WAIT", "1", "500"], ["FLUSHDB"], ["SWAPDB", "0", "1"], ["MULTI"], ["EXEC"], ["DISCARD"], ["UNWATCH"],
    ]

    @Test func keysMatchCommandGetkeys() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        for sample in Self.samples {
            let command = RedisCommand(sample.map { Array($0.utf8) })
            #expect(command.spec != nil, "\(sample[0]) missing from the table")
            let reply = try c.perform(RedisCommand(["COMMAND", "GETKEYS"].map { Array($0.utf8) } + command.arguments))
            let serverKeys: [[UInt8]]
            switch reply {
            case let .array(items): serverKeys = items.compactMap(\.bytes)
            case .error: serverKeys = []   // "The command has no key arguments" (or not a real command form)
            default: serverKeys = []
            }
            #expect(command.keys == serverKeys, "\(sample): table \(command.keys.map { String(decoding: $0, as: UTF8.self) }) server \(serverKeys.map { String(decoding: $0, as: UTF8.self) })")
        }
    }

    @Test func writeFlagsMatchCommandInfo() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        for (name, spec) in CommandTable.specs where !name.hasPrefix("FT.") {
            guard case let .array(entries) = try c.perform(RedisCommand("COMMAND", "INFO", name)),
                  case let .array(info)? = entries.first, info.count > 2, case let .array(flags) = info[2] else { continue }
            let names = Set(flags.compactMap(\.string))
            if names.contains("write") { #expect(!spec.isReadOnly, "\(name) writes") }
            if names.contains("readonly") { #expect(spec.isReadOnly, "\(name) only reads") }
        }
    }

    @Test func unknownCommandsAreTreatedAsWritesWithoutKeys() {
        let command = RedisCommand("SOMETHING.NEW", "k")
        #expect(command.spec == nil)
        #expect(command.keys.isEmpty)
        #expect(!command.isReadOnly)
        #expect(RedisCommand("hgetall", "k").isReadOnly)  // names are case-insensitive
        #expect(RedisCommand("FT.SEARCH", "toggle_errors_db", "*").keys == [Array("toggle_errors_db".utf8)])
    }
}
