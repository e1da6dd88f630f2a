/// A named set of styles, one for every `ThemeRole`. Cells name roles; the theme says how they look.
public struct Theme: Sendable, Hashable {
    public var name: String
    /// Always holds every role (see `init`).
    public private(set) var styles: [ThemeRole: Style]

    /// A theme whose missing roles take the built-in default theme's style, so every role is present.
    public init(name: String, styles: [ThemeRole: Style]) {
        self.init(name: name, styles: styles, fallback: Theme.builtinDefault.styles)
    }

    /// Builds a theme filling gaps from `fallback`; the built-in constants use this with an empty fallback.
    init(name: String, styles: [ThemeRole: Style], fallback: [ThemeRole: Style]) {
        self.name = name
        self.styles = fallback.merging(styles) { _, own in own }
    }

    /// The style for `role`.
    public subscript(role: ThemeRole) -> Style {
        get { styles[role] ?? Style() }
        set { styles[role] = newValue }
    }

    /// The colour indexes and attributes ncurses needs at `depth`.
    /// - At `.none` every colour is the terminal default; a role whose style used colour also gets the
    ///   built-in mono theme's attributes for that role, so selection, kills and bad status stay visible.
    ///   A role that already used no colour (e.g. the `mono` theme) keeps exactly its own attributes.
    /// - If mapping makes the foreground and background the same palette entry, the text would vanish;
    ///   that role falls back to default colours plus the mono attributes.
    public func resolved(for depth: ColorDepth) -> ResolvedTheme {
        var resolved: [ThemeRole: ResolvedStyle] = [:]
        for role in ThemeRole.allCases {
            let style = self[role]
            let monoAttributes = Theme.mono[role].attributes
            var fg = style.foreground.cursesIndex(for: depth)
            var bg = style.background.cursesIndex(for: depth)
            var attributes = style.attributes
            if depth == .none {
                if style.usesColor { attributes.formUnion(monoAttributes) }
            } else if fg == bg, fg != -1 {
                fg = -1
                bg = -1
                attributes.formUnion(monoAttributes)
            }
            resolved[role] = ResolvedStyle(foreground: fg, background: bg, attributes: attributes)
        }
        return ResolvedTheme(name: name, depth: depth, styles: resolved)
    }
}
