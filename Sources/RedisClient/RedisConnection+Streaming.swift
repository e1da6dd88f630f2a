import CHiredis
import Glibc

/// Streaming: commands written at once, replies read later, so a writer never waits a round trip per command;
/// and pushed messages (pub/sub) read without blocking.
///
/// `write` encodes the commands and hands them to the kernel in one `send` (MSG_NOSIGNAL: a dead server is an
/// error, never a SIGPIPE); it blocks only while the socket buffer is full, up to the command timeout. Replies
/// come back in order through `pollReply` (never waits on the network) or `nextReply` (waits up to the command
/// timeout). Until every reply is read, `pipeline`, `send` and `transaction` refuse to run, since their replies
/// would be read in place of the streamed ones. Any I/O failure drops the connection and with it the unread
/// replies: their commands may or may not have run, which the caller must treat as unknown.
extension RedisConnection {
    /// Replies still owed for commands sent with `write`.
    public var unreadReplies: Int { unreadCount }

    /// Sends the commands now (connecting first if needed) without reading their replies.
    public func write(_ commands: [RedisCommand]) throws(RedisError) {
        guard !commands.isEmpty else { return }
        guard commands.allSatisfy({ !$0.arguments.isEmpty }) else { throw .protocolError("empty command") }
        try ensureConnected()
        guard let ctx = context else { throw .protocolError("no context") }
        streamOutput.removeAll(keepingCapacity: true)
        for command in commands { RESPEncoder.append(command, to: &streamOutput) }
        let fd = ctx.pointee.fd
        let failure: Int32 = streamOutput.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return n == 0 ? EPIPE : errno }
            }
            return 0
        }
        // Even a partial send leaves the stream out of step with the server: the connection is dropped.
        if failure != 0 { throw failContext(with: Self.sendError(failure)) }
        unreadCount += commands.count
    }

    /// The next reply of a streamed command if it has already arrived; nil when none is there yet (or none is
    /// owed). Costs at most one non-blocking `recv`.
    public func pollReply() throws(RedisError) -> RedisReply? {
        guard unreadCount > 0, let ctx = context else { return nil }
        guard let reply = try availableReply(ctx) else { return nil }
        unreadCount -= 1
        return reply
    }

    /// Replies the server pushed that are already readable (pub/sub messages on a subscribed connection),
    /// without blocking: at most `limit` of them. A closed or broken connection throws.
    public func receivePending(limit: Int) throws(RedisError) -> [RedisReply] {
        guard let ctx = context else { throw .connectionClosed("not connected") }
        var replies: [RedisReply] = []
        while replies.count < limit, let reply = try availableReply(ctx) { replies.append(reply) }
        return replies
    }

    /// A reply already parsed, or one completed by a single non-blocking `recv`; nil when none is there yet.
    private func availableReply(_ ctx: UnsafeMutablePointer<redisContext>) throws(RedisError) -> RedisReply? {
        if let reply = try replyFromReader(ctx) { return reply }
        let buffer = inputBuffer()
        let n = recv(ctx.pointee.fd, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
        if n < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return nil }
            throw failContext(with: .connectionClosed(Self.errnoText(errno)))
        }
        if n == 0 { throw failContext(with: .connectionClosed("server closed the connection")) }
        if redisReaderFeed(ctx.pointee.reader, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), n) != REDIS_OK {
            throw failContext(with: .protocolError("reply buffer: out of memory"))
        }
        return try replyFromReader(ctx)
    }

    /// The next reply of a streamed command, waiting for it up to the command timeout.
    public func nextReply() throws(RedisError) -> RedisReply {
        guard unreadCount > 0 else { throw .protocolError("no streamed reply is owed") }
        guard let ctx = context else { throw .protocolError("no context") }
        var raw: UnsafeMutableRawPointer?
        // The output buffer hiredis would flush first is always empty here (`write` bypasses it), so this only reads.
        if redisGetReply(ctx, &raw) != REDIS_OK || raw == nil { throw failContext() }
        defer { freeReplyObject(raw) }
        unreadCount -= 1
        return RedisReply(copying: raw!.assumingMemoryBound(to: redisReply.self))
    }

    private func replyFromReader(_ ctx: UnsafeMutablePointer<redisContext>) throws(RedisError) -> RedisReply? {
        var raw: UnsafeMutableRawPointer?
        if redisGetReplyFromReader(ctx, &raw) != REDIS_OK { throw failContext() }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return RedisReply(copying: raw.assumingMemoryBound(to: redisReply.self))
    }

    private func inputBuffer() -> UnsafeMutableRawBufferPointer {
        if let streamInput { return streamInput }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 1)
        streamInput = buffer
        return buffer
    }

    private static func sendError(_ code: Int32) -> RedisError {
        // SO_SNDTIMEO expired: the server stopped reading for a whole command timeout.
        if code == EAGAIN || code == EWOULDBLOCK { return .timeout("could not send within the command timeout") }
        return .connectionClosed(errnoText(code))
    }

    private static func errnoText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
