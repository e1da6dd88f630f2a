/// One role's look as ncurses takes it: colour numbers (-1 = terminal default) and attributes.
public struct ResolvedStyle: Sendable, Hashable {
    /// ncurses foreground colour number, -1 for the terminal default.
    public var foreground: Int
    /// ncurses background colour number, -1 for the terminal default.
    public var background: Int
    public var attributes: TextAttributes

    public init(foreground: Int, background: Int, attributes: TextAttributes) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}
