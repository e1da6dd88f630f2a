import Foundation
import RedisClient

/// A stand-in behind `RedisClientProtocol` for unit tests of code that talks to Redis: answers each command
/// with `respond` (default: an error naming the command) and records every command it was sent, in order.
/// Transactions are answered like a server's EXEC: the replies of the queued commands, or the first error.
/// Integration tests use real servers; this is for logic that only needs replies.
public final class FakeRedisClient: RedisClientProtocol, @unchecked Sendable {
    public let endpoint: RedisEndpoint
    private let lock = NSLock()
    private var log: [RedisCommand] = []
    private let respond: @Sendable (RedisCommand) throws(RedisError) -> RedisReply

    public init(endpoint: RedisEndpoint = RedisEndpoint(address: .tcp(host: "fake", port: 6379)),
                respond: @escaping @Sendable (RedisCommand) throws(RedisError) -> RedisReply = { .error("ERR fake: unexpected \($0.name)") }) {
        self.endpoint = endpoint
        self.respond = respond
    }

    /// Every command sent so far (transactions as MULTI, the commands, EXEC).
    public var commands: [RedisCommand] { lock.withLock { log } }

    public func pipeline(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        lock.withLock { log.append(contentsOf: commands) }
        var replies: [RedisReply] = []
        for command in commands { replies.append(try respond(command)) }
        return replies
    }

    @discardableResult
    public func transaction(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        lock.withLock { log.append(RedisCommand("MULTI")) }
        let replies = try pipeline(commands)
        lock.withLock { log.append(RedisCommand("EXEC")) }
        if let error = replies.lazy.compactMap(\.serverError).first { throw error }
        return replies
    }
}
