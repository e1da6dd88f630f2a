/// One field of a Redis HASH as text (invalid UTF-8 shown as `\xNN`, see `RedisBytes`), in the order Redis returned it.
public struct Field: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == Field {
    /// The value of the first field with this name.
    public subscript(field name: String) -> String? {
        first(where: { $0.name == name })?.value
    }
}
