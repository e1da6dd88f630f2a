/// One Redis reply, copied out of hiredis's C structure at once so no C memory outlives the call.
///
/// Bulk strings stay bytes (Redis is binary safe); `string` and friends give a UTF-8 view when wanted.
public enum RedisReply: Sendable, Equatable, Hashable {
    case bulk([UInt8])
    case status(String)
    case integer(Int64)
    case null
    case array([RedisReply])
    case error(String)

    /// The reply as text: bulk strings decoded as UTF-8 (invalid bytes become U+FFFD), status, integers.
    public var string: String? {
        switch self {
        case let .bulk(bytes): return String(decoding: bytes, as: UTF8.self)
        case let .status(s): return s
        case let .integer(i): return String(i)
        default: return nil
        }
    }

    /// The raw bytes of a bulk or status reply.
    public var bytes: [UInt8]? {
        switch self {
        case let .bulk(bytes): return bytes
        case let .status(s): return Array(s.utf8)
        case let .integer(i): return Array(String(i).utf8)
        default: return nil
        }
    }

    public var int: Int64? {
        switch self {
        case let .integer(i): return i
        case let .bulk(bytes): return Int64(String(decoding: bytes, as: UTF8.self))
        case let .status(s): return Int64(s)
        default: return nil
        }
    }

    public var array: [RedisReply]? {
        if case let .array(items) = self { return items }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// The error reply as a typed error, or nil when this is not an error.
    public var serverError: RedisError? {
        if case let .error(message) = self { return RedisError.fromServer(message) }
        return nil
    }

    /// Throws the error reply as a typed error; returns the reply otherwise.
    @discardableResult
    public func get() throws(RedisError) -> RedisReply {
        if let e = serverError { throw e }
        return self
    }

    /// An even-length array (HGETALL, CONFIG GET, …) as ordered pairs of bytes.
    public var pairs: [(key: [UInt8], value: [UInt8])]? {
        guard let items = array, items.count % 2 == 0 else { return nil }
        var out: [(key: [UInt8], value: [UInt8])] = []
        out.reserveCapacity(items.count / 2)
        var i = 0
        while i < items.count {
            guard let k = items[i].bytes, let v = items[i + 1].bytes else { return nil }
            out.append((k, v))
            i += 2
        }
        return out
    }
}
