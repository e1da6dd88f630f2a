import CHiredis

/// hiredis's RESP reader: bytes in, replies out, each copied into a Swift `RedisReply` at once.
///
/// It also enforces the reply bound: the bytes fed since the last complete reply may not exceed
/// `maxReplyBytes` (512 MB by default, Redis's own bulk limit), so a hostile or broken server cannot make
/// flagtop buffer without limit; past it the connection is dropped with `.replyTooLarge`.
final class ReplyReader {
    private let reader: UnsafeMutablePointer<redisReader>
    private let maxReplyBytes: Int
    private var bytesSinceReply = 0

    init?(maxReplyBytes: Int) {
        guard let made = redisReaderCreate() else { return nil }
        reader = made
        self.maxReplyBytes = maxReplyBytes
    }

    deinit { redisReaderFree(reader) }

    /// Adds received bytes; throws when the reply they belong to grows past the bound.
    func feed(_ bytes: UnsafeRawBufferPointer) throws(RedisError) {
        guard bytes.count > 0 else { return }
        bytesSinceReply += bytes.count
        if bytesSinceReply > maxReplyBytes { throw .replyTooLarge(limit: maxReplyBytes) }
        if redisReaderFeed(reader, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), bytes.count) != REDIS_OK {
            throw .protocolError("reply buffer: out of memory")
        }
    }

    /// The next complete reply, or nil when more bytes are needed.
    func next() throws(RedisError) -> RedisReply? {
        var raw: UnsafeMutableRawPointer?
        if redisReaderGetReply(reader, &raw) != REDIS_OK {
            let message = withUnsafeBytes(of: &reader.pointee.errstr) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            throw .protocolError(message.isEmpty ? "unreadable reply" : message)
        }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        bytesSinceReply = reader.pointee.len - reader.pointee.pos
        return RedisReply(copying: raw.assumingMemoryBound(to: redisReply.self))
    }
}
