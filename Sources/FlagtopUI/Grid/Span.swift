import SafeText

/// A run of text with one role and set of attributes: the unit views hand to `CellGrid.write`.
///
/// The text may come straight from Redis; `CellGrid.write` sanitises it. A name (`Span(name:)`) is sanitised
/// here instead, with `Sanitizer.name`, so that leading and trailing spaces show (`beta\x20` is not `beta`).
public struct Span: Sendable, Hashable {
    public var text: String
    public var role: ThemeRole
    public var attributes: CellAttributes
    /// True when `text` is already terminal-safe display text (names); the grid then writes it as it is.
    public var isSanitized = false

    public init(_ text: String, _ role: ThemeRole = .text, _ attributes: CellAttributes = []) {
        self.text = text
        self.role = role
        self.attributes = attributes
    }

    /// A toggle, session or log name from Redis: sanitised as a name, so look-alike names stay apart.
    public init(name raw: String, _ role: ThemeRole = .text, _ attributes: CellAttributes = []) {
        self.init(Sanitizer.name(raw), role, attributes)
        isSanitized = true
    }

    /// The value, or a muted "-" when there is none (an absent field in a table cell).
    public init(orDash text: String?) {
        self.init(text ?? "-", text == nil ? .muted : .text)
    }
}

/// One line of styled text.
public typealias StyledLine = [Span]
