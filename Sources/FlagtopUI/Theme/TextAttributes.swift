/// Text attributes a style may add on top of its colours; in mono they carry all the meaning.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)

    /// Theme-file names, in the order they are written back.
    public static let names: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline), ("italic", .italic),
    ]

    /// The attribute a theme file names (exact, lower case), or nil for an unknown word.
    public init?(name: String) {
        guard let match = Self.names.first(where: { $0.name == name }) else { return nil }
        self = match.attribute
    }

    /// The names of the attributes set, in `names` order.
    public var nameList: [String] {
        Self.names.filter { contains($0.attribute) }.map(\.name)
    }
}
