/// A run of text with one role and set of attributes: the unit views hand to `CellGrid.write`.
///
/// The text may come straight from Redis; `CellGrid.write` sanitises it.
public struct Span: Sendable, Hashable {
    public var text: String
    public var role: ThemeRole
    public var attributes: CellAttributes

    public init(_ text: String, _ role: ThemeRole = .text, _ attributes: CellAttributes = []) {
        self.text = text
        self.role = role
        self.attributes = attributes
    }
}

/// One line of styled text.
public typealias StyledLine = [Span]
