/// What the sanitiser does with one non-ASCII scalar, before looking at its neighbours.
enum ScalarPolicy: Equatable {
    /// Printed as is; `isMark` says whether it attaches to the scalar before it.
    case keep(isMark: Bool)
    /// A C1 control (U+0080–U+009F): shown as `\xNN`.
    case c1Control
    /// Invisible or reordering: shown as `\u{XXXX}`.
    case escape
    /// ZWNJ/ZWJ: kept between two non-ASCII visible scalars (emoji sequences, Indic, Persian), escaped elsewhere.
    case joiner
    /// Emoji tag characters: kept only right after U+1F3F4 or another tag (subdivision flags).
    case tag
    /// A raw-byte marker (`RedisBytes`): the byte of invalid UTF-8 it stands for, shown as `\xNN`.
    case rawByte(UInt8)

    static func of(_ scalar: Unicode.Scalar) -> ScalarPolicy {
        let v = scalar.value
        if v <= 0x9F { return .c1Control }
        if let byte = RedisBytes.byte(ofMarker: v) { return .rawByte(byte) }
        switch v {
        // Soft hyphen, Arabic letter mark, Mongolian vowel separator, zero width space, LRM/RLM,
        // line/paragraph separators, embeddings and overrides, word joiner, invisible operators,
        // isolates, deprecated format controls, Hangul fillers, BOM, interlinear annotation, language tag.
        case 0xAD, 0x61C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x206F,
            0x3164, 0xFEFF, 0xFFA0, 0xFFF9...0xFFFB, 0xE0001:
            return .escape
        // Spaces that look like U+0020 but are not: no-break, Ogham, en/em/thin/hair spaces, narrow no-break,
        // medium mathematical. Shown escaped so `a\u{00A0}b` and `a b` never look alike (U+3000 is wide: distinct).
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F:
            return .escape
        case 0x200C, 0x200D:
            return .joiner
        case 0xE0020...0xE007F:
            return .tag
        case 0xA0..<0x300:
            return .keep(isMark: false)
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .keep(isMark: true)
        case .format:
            return isPrependedConcatenationMark(v) ? .keep(isMark: false) : .escape
        default:
            return .keep(isMark: false)
        }
    }

    /// Format characters that are visible (Arabic number signs and similar): left alone.
    private static func isPrependedConcatenationMark(_ v: UInt32) -> Bool {
        switch v {
        case 0x600...0x605, 0x6DD, 0x70F, 0x890...0x891, 0x8E2, 0x110BD, 0x110CD: return true
        default: return false
        }
    }
}
