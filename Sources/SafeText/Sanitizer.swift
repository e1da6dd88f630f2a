/// Makes text from Redis safe to put on a terminal (SPEC §5). Placeholder implementation: the
/// SafeText work replaces it with the full rules (C0/C1/DEL/ESC visible, bidi neutralised, …).
public enum Sanitizer {
    /// One-line cell text: controls, newlines and tabs become visible escapes.
    public static func singleLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case 0x1B: out += "\\e"
            case 0x00...0x1F, 0x7F...0x9F: out += "\\x" + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Multi-line text (detail views): newlines kept as line breaks, tabs expanded, everything else as `singleLine`.
    public static func multiLine(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { singleLine(String($0).replacingTabs()) }
    }
}

extension String {
    func replacingTabs() -> String {
        var out = ""
        for ch in self { if ch == "\t" { out += "    " } else { out.append(ch) } }
        return out
    }
}
