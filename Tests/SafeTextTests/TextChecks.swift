/// Checks written independently of SafeText's own tables, so tests do not grade the code with itself.
enum TextChecks {
    /// Scalars that must never reach the terminal after sanitising.
    static func isForbidden(_ v: UInt32) -> Bool {
        switch v {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1 (CSI 9B, OSC 9D, DCS 90, APC 9F, PM 9E, ST 9C)
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true  // bidi
        case 0x200B, 0x2060, 0xFEFF, 0x00AD, 0x2028, 0x2029: return true  // invisible, separators
        default: return false
        }
    }

    static func forbiddenScalars(in text: String) -> [String] {
        text.unicodeScalars.filter { isForbidden($0.value) }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// Combining mark categories: a cell must not start with one.
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Uppercase hex padded to at least four digits, as in `U+202E`.
    static func hex4(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Byte-exact equality (String `==` treats canonically equivalent text as equal).
    static func sameScalars(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }
}
