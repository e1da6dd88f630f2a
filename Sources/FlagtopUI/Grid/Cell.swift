/// One terminal cell of a `CellGrid`.
///
/// `text` is exactly one sanitised grapheme cluster, or `""` for the right half of a wide (two-cell)
/// character whose left half is the cell before it. Colours are never stored, only the semantic `role`.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var role: ThemeRole
    public var attributes: CellAttributes

    public init(text: String = " ", role: ThemeRole = .text, attributes: CellAttributes = []) {
        self.text = text
        self.role = role
        self.attributes = attributes
    }

    /// A blank cell in the default role.
    public static let blank = Cell()

    /// True for the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}
