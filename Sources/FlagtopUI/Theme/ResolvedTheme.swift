/// A theme mapped to one colour depth: per role, the ncurses colours and attributes to draw with.
public struct ResolvedTheme: Sendable, Hashable {
    public let name: String
    public let depth: ColorDepth
    /// Holds every role.
    public let styles: [ThemeRole: ResolvedStyle]

    public init(name: String, depth: ColorDepth, styles: [ThemeRole: ResolvedStyle]) {
        self.name = name
        self.depth = depth
        self.styles = styles
    }

    /// The resolved style for `role` (default colours, no attributes if somehow missing).
    public subscript(role: ThemeRole) -> ResolvedStyle {
        styles[role] ?? ResolvedStyle(foreground: -1, background: -1, attributes: [])
    }

    /// The ncurses colour-pair number for `role`: one pair per role, numbered from 1 in `ThemeRole` order
    /// (pair 0 is ncurses' fixed default pair).
    public static func pairNumber(for role: ThemeRole) -> Int {
        role.ordinal + 1
    }
}
