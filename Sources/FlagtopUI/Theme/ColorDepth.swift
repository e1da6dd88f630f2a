/// How many colours the terminal can show, as the dashboard uses them through ncurses colour pairs.
/// Truecolor terminals are driven as `c256`: ncurses pairs index the xterm-256 palette.
public enum ColorDepth: Int, Sendable, CaseIterable, Hashable, Comparable {
    /// No colour at all (NO_COLOR, `has_colors()` false): roles rely on attributes only.
    case none = 0
    /// The 8 basic ANSI colours (indexes 0–7).
    case c8 = 8
    /// The 16 ANSI colours including the bright ones (indexes 0–15).
    case c16 = 16
    /// The xterm-256 palette (indexes 0–255).
    case c256 = 256

    /// The depth for ncurses' `COLORS` value (`colorCount`), or `.none` when the terminal has no colours.
    public init(colorCount: Int, hasColors: Bool = true) {
        switch colorCount {
        case _ where !hasColors: self = .none
        case 256...: self = .c256
        case 16...: self = .c16
        case 8...: self = .c8
        default: self = .none
        }
    }

    /// The number of palette entries the depth has (0 for `.none`).
    public var paletteSize: Int { rawValue }

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}
