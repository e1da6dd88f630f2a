/// Streaming: commands written at once, replies read later, so a writer never waits a round trip per command;
/// and pushed messages (pub/sub) read without blocking. Same wire path as calls: hiredis formats, the transport
/// sends, hiredis's reader parses.
///
/// `write` sends the commands in one write; it blocks only while the socket buffer is full, up to the command
/// timeout. Replies come back in order through `pollReply` (never waits on the network) or `nextReply` (waits
/// up to the command timeout). Until every reply is read, `pipeline`, `send` and `transaction` refuse to run,
/// since their replies would be read in place of the streamed ones. Any I/O failure drops the connection and
/// with it the unread replies: their commands may or may not have run, which the caller must treat as unknown.
extension RedisConnection {
    /// Replies still owed for commands sent with `write`.
    public var unreadReplies: Int { unreadCount }

    /// Sends the commands now (connecting first if needed) without reading their replies.
    public func write(_ commands: [RedisCommand]) throws(RedisError) {
        guard !commands.isEmpty else { return }
        guard commands.allSatisfy({ !$0.arguments.isEmpty }) else { throw .protocolError("empty command") }
        try ensureConnected()
        try sendFormatted(commands, deadline: .after(seconds: options.commandTimeout))
        unreadCount += commands.count
    }

    /// The next reply of a streamed command if it has already arrived; nil when none is there yet (or none is
    /// owed). Never waits on the network.
    public func pollReply() throws(RedisError) -> RedisReply? {
        guard unreadCount > 0, transport != nil else { return nil }
        guard let reply = try nextAvailableReply(deadline: .immediate) else { return nil }
        unreadCount -= 1
        return reply
    }

    /// Replies the server pushed that are already readable (pub/sub messages on a subscribed connection),
    /// without blocking: at most `limit` of them. A closed or broken connection throws.
    public func receivePending(limit: Int) throws(RedisError) -> [RedisReply] {
        guard transport != nil else { throw .connectionClosed("not connected") }
        var replies: [RedisReply] = []
        while replies.count < limit, let reply = try nextAvailableReply(deadline: .immediate) { replies.append(reply) }
        return replies
    }

    /// The next reply of a streamed command, waiting for it up to the command timeout.
    public func nextReply() throws(RedisError) -> RedisReply {
        guard unreadCount > 0 else { throw .protocolError("no streamed reply is owed") }
        guard transport != nil else { throw .protocolError("no connection") }
        let reply = try readReply(deadline: .after(seconds: options.commandTimeout))
        unreadCount -= 1
        return reply
    }
}
