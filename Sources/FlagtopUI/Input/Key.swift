/// A key press as the runtime decodes it from the terminal.
///
/// The runtime should send control bytes as `.ctrl` (`Ctrl-C` is `.ctrl("c")`); `normalized` also
/// accepts the raw bytes (`"\u{3}"`, `"\t"`, `"\r"`, DEL, ESC) for runtimes that pass them through.
public enum Key: Sendable, Hashable {
    case char(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case tab, backTab, enter, escape, backspace, delete
    /// A control chord, with a lower-case letter: `.ctrl("c")`.
    case ctrl(Character)
    /// The terminal changed size (ncurses reports this as a key).
    case resize(width: Int, height: Int)
    /// F1…F12.
    case function(Int)

    /// The same key in its canonical form (raw control characters mapped to named keys).
    public var normalized: Key {
        switch self {
        case .ctrl(let c):
            return .ctrl(Character(c.lowercased()))
        case .char(let c):
            guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return self }
            switch scalar.value {
            case 0x09: return .tab
            case 0x0A, 0x0D: return .enter
            case 0x1B: return .escape
            case 0x08, 0x7F: return .backspace
            case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(scalar.value + 0x60)!))
            default: return self
            }
        default:
            return self
        }
    }

    /// How the key is written in help, footer and README: `j`, `↑`, `PgDn`, `Ctrl-C`, `F1`.
    public var label: String {
        switch self {
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .ctrl(let c): "Ctrl-" + c.uppercased()
        case .resize: "resize"
        case .function(let n): "F\(n)"
        }
    }

    /// The character this key types into a text field, or nil for keys that type nothing
    /// (named keys, chords, control characters).
    public var typedCharacter: Character? {
        guard case .char(let c) = normalized else { return nil }
        if c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) { return nil }
        return c
    }
}
