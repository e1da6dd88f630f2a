/// A live session context: a `session:<id>` HASH written by the application (docs/data-layout.md, "Sessions").
public struct SessionContext: Sendable, Equatable, Hashable, Identifiable {
    /// The Redis key, exact bytes.
    public var key: [UInt8]
    /// The key without the pattern's fixed prefix (`session:`), as text.
    public var id: String
    public var fields: [Field]
    /// Seconds to live; nil when the key has no TTL.
    public var ttl: Int?

    public init(key: [UInt8], id: String, fields: [Field], ttl: Int?) {
        self.key = key
        self.id = id
        self.fields = fields
        self.ttl = ttl
    }

    public var name: String? { fields[field: "name"] }
    public var email: String? { fields[field: "email"] }
    public var authType: String? { fields[field: "authType"] }
    public var creationTime: String? { fields[field: "creationTime"] }
}
