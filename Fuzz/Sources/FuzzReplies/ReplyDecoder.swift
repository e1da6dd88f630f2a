import RedisClient

/// Turns fuzz bytes into a stream of nested RedisReply values: each reply starts with a tag byte choosing
/// its kind; arrays take a count byte and recurse (depth-limited), bulks a length byte and that many bytes.
struct ReplyDecoder {
    var bytes: [UInt8]
    var at = 0

    mutating func byte() -> UInt8? {
        guard at < bytes.count else { return nil }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func take(_ n: Int) -> [UInt8] {
        let end = min(bytes.count, at + n)
        defer { at = end }
        return Array(bytes[at..<end])
    }

    mutating func reply(depth: Int = 0) -> RedisReply {
        guard let tag = byte() else { return .null }
        switch tag % 7 {
        case 0: return .null
        case 1: return .integer(Int64(bitPattern: UInt64(take(8).reduce(0) { $0 << 8 | UInt64($1) })) / (tag > 128 ? 1 : 1_000_000))
        case 2: return .status(String(decoding: take(Int(byte() ?? 0) % 32), as: UTF8.self))
        case 3: return .error(String(decoding: take(Int(byte() ?? 0) % 32), as: UTF8.self))
        case 4, 5:
            guard depth < 4 else { return .bulk(take(Int(byte() ?? 0))) }
            let count = Int(byte() ?? 0) % 24
            return .array((0..<count).map { _ in reply(depth: depth + 1) })
        default: return .bulk(take(Int(byte() ?? 0)))
        }
    }
}
