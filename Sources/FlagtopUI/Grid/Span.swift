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

    /// The value, or a muted "-" when there is none (an absent field in a table cell).
    public init(orDash text: String?) {
        self.init(text ?? "-", text == nil ? .muted : .text)
    }
}

/// One line of styled text.
public typealias StyledLine = [Span]
