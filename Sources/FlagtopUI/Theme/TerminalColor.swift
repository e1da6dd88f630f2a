import Foundation

/// A colour as a theme names it: the terminal's own default, a palette index (the 16 ANSI names are
/// indexes 0–15) or an exact `#rrggbb` value that is mapped to the nearest colour the terminal has.
public enum TerminalColor: Sendable, Hashable {
    /// The terminal's own foreground or background (ncurses colour -1, transparent background).
    case `default`
    /// An xterm palette index, 0–255.
    case indexed(UInt8)
    /// An exact colour, shown as the nearest palette colour.
    case rgb(red: UInt8, green: UInt8, blue: UInt8)

    /// The 16 ANSI colour names in palette order (index = position).
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright_black", "bright_red", "bright_green", "bright_yellow",
        "bright_blue", "bright_magenta", "bright_cyan", "bright_white",
    ]

    /// Extra spellings: grey/gray are xterm's bright black (index 8), the usual "grey" of 16-colour themes.
    static let aliases: [String: Int] = ["grey": 8, "gray": 8]

    /// Parses a theme-file colour: `default`, an ANSI name (case-insensitive, `-` or `_`), `grey`/`gray`,
    /// a decimal index `0`–`255`, or `#rrggbb`. Returns nil for anything else.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lowered = trimmed.lowercased().replacingOccurrences(of: "-", with: "_")
        if lowered == "default" {
            self = .default
        } else if let index = Self.ansiNames.firstIndex(of: lowered) ?? Self.aliases[lowered] {
            self = .indexed(UInt8(index))
        } else if !lowered.isEmpty, lowered.allSatisfy({ $0.isASCII && $0.isNumber }), lowered.count <= 3,
            let index = Int(lowered), let byte = UInt8(exactly: index)
        {
            self = .indexed(byte)
        } else if lowered.hasPrefix("#"), lowered.count == 7, let value = UInt32(lowered.dropFirst(), radix: 16),
            lowered.dropFirst().allSatisfy(\.isHexDigit)
        {
            self = .rgb(red: UInt8(value >> 16 & 0xff), green: UInt8(value >> 8 & 0xff), blue: UInt8(value & 0xff))
        } else {
            return nil
        }
    }

    /// A palette index given as a TOML integer; nil outside 0–255.
    public init?(index: Int) {
        guard let byte = UInt8(exactly: index) else { return nil }
        self = .indexed(byte)
    }

    /// The RGB value xterm shows for this colour; nil for `.default`, whose value only the terminal knows.
    public var rgbValue: XtermPalette.RGB? {
        switch self {
        case .default: return nil
        case .indexed(let index): return XtermPalette.rgb(ofIndex: Int(index))
        case .rgb(let red, let green, let blue): return XtermPalette.RGB(Int(red), Int(green), Int(blue))
        }
    }

    /// The nearest colour `depth` has, always `.default` or `.indexed`.
    /// - An index the depth already has stays as it is.
    /// - `#rrggbb` at 256 colours goes to the nearest cube or greyscale entry (16–255), never to 0–15,
    ///   because terminals let users redefine those.
    /// - Anything else goes to the ANSI colour (0–15 or 0–7) nearest to its xterm RGB value, measured
    ///   directly from the original colour rather than chained through 256 → 16 → 8, so errors do not add up;
    ///   greys go to the nearest ANSI grey (see `XtermPalette.nearestANSIIndex`).
    /// - At `.none` everything is `.default`.
    public func nearest(in depth: ColorDepth) -> TerminalColor {
        guard depth != .none, let rgb = rgbValue else { return .default }
        switch self {
        case .indexed(let index) where Int(index) < depth.paletteSize:
            return self
        case .rgb where depth == .c256:
            return .indexed(UInt8(XtermPalette.nearestIndex(to: rgb, among: 16...255)))
        default:
            return .indexed(UInt8(XtermPalette.nearestANSIIndex(to: rgb, count: depth.paletteSize)))
        }
    }

    /// The ncurses colour number for `depth`: -1 for the terminal default, else a palette index.
    public func cursesIndex(for depth: ColorDepth) -> Int {
        switch nearest(in: depth) {
        case .indexed(let index): return Int(index)
        default: return -1
        }
    }
}

extension TerminalColor: CustomStringConvertible {
    /// The theme-file spelling: `default`, an ANSI name, a decimal index or `#rrggbb`.
    public var description: String {
        switch self {
        case .default:
            return "default"
        case .indexed(let index) where index < 16:
            return Self.ansiNames[Int(index)]
        case .indexed(let index):
            return String(index)
        case .rgb(let red, let green, let blue):
            return "#"
                + [red, green, blue].map { byte in
                    let hex = String(byte, radix: 16)
                    return hex.count == 1 ? "0" + hex : hex
                }.joined()
        }
    }
}
