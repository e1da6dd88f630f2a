/// How one theme role looks: foreground, background and attributes.
public struct Style: Sendable, Hashable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(fg: TerminalColor = .default, bg: TerminalColor = .default, attributes: TextAttributes = []) {
        self.foreground = fg
        self.background = bg
        self.attributes = attributes
    }

    /// True when the style names a colour, i.e. part of its meaning is lost without colour.
    public var usesColor: Bool { foreground != .default || background != .default }
}
