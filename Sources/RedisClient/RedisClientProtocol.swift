/// What every Redis client does: run one command, a pipeline, or a transaction, and say where it is.
///
/// `RedisConnection` (one server) satisfies it today; a cluster or sentinel client satisfies it by routing each
/// command by its keys (`RedisCommand.keys`) and whether it writes (`RedisCommand.isReadOnly`). The stores and
/// the dashboard talk to Redis only through this protocol, so unit tests can put a fake behind it.
///
/// Error replies come back in place as `.error` from `perform` and `pipeline`; `send` throws them. A connection
/// failure always throws, and a command is never retried by the client when its reply was lost.
public protocol RedisClientProtocol: AnyObject {
    /// The server (or the entry point of a deployment), without secrets, for messages.
    var endpoint: RedisEndpoint { get }
    /// Sends all commands in one write and reads all replies (one round trip per server).
    func pipeline(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply]
    /// Runs the commands atomically (MULTI/EXEC) and returns EXEC's replies; throws when a command was refused
    /// while queueing (nothing applied) or EXEC aborted.
    @discardableResult
    func transaction(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply]
}

extension RedisClientProtocol {
    /// Sends one command; an error reply is returned as `.error`, not thrown.
    public func perform(_ command: RedisCommand) throws(RedisError) -> RedisReply {
        try pipeline([command])[0]
    }

    /// Sends one command; an error reply is thrown as `.server`.
    @discardableResult
    public func send(_ command: RedisCommand) throws(RedisError) -> RedisReply {
        try perform(command).get()
    }

    /// Sends one command built from the arguments; an error reply is thrown as `.server`.
    @discardableResult
    public func send(_ arguments: any RedisArgumentConvertible...) throws(RedisError) -> RedisReply {
        try perform(RedisCommand(arguments)).get()
    }
}
