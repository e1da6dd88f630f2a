import RedisClient

/// Failures of the domain layer, each with a one-line message fit for a terminal (no secrets).
public enum FlagtopError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    /// A key exists but holds another type (e.g. `session:x` is a STRING).
    case wrongType(key: String, type: String, expected: String)
    /// Writes are off (`--read-only`).
    case readOnly
    case invalidArgument(String)
    /// The search module rejected the query (syntax error and the like).
    case query(String)
    case redis(RedisError)

    public var description: String {
        switch self {
        case let .notFound(m): return m
        case let .wrongType(key, type, expected): return "key '\(key)' is a \(type), not a \(expected)"
        case .readOnly: return "read-only mode: writes are disabled"
        case let .invalidArgument(m): return m
        case let .query(m): return "search query failed: \(m)"
        case let .redis(e): return e.description
        }
    }

    /// Whether Redis's ACL denied the operation.
    public var isPermissionDenied: Bool {
        if case let .redis(e) = self { return e.isPermissionDenied }
        return false
    }
}

extension RedisReply {
    /// The array of a reply, or a typed error naming the key when the reply is an error (WRONGTYPE → `.wrongType`).
    func hashPairs(key: String) throws(FlagtopError) -> [Field] {
        switch self {
        case let .array(items):
            var fields: [Field] = []
            fields.reserveCapacity(items.count / 2)
            var i = 0
            while i + 1 < items.count {
                fields.append(Field(RedisBytes.decode(items[i].bytes ?? []), RedisBytes.decode(items[i + 1].bytes ?? [])))
                i += 2
            }
            return fields
        case let .error(message):
            if message.hasPrefix("WRONGTYPE") { throw .wrongType(key: key, type: "value of another type", expected: "hash") }
            throw .redis(RedisError.fromServer(message))
        default:
            return []
        }
    }
}
