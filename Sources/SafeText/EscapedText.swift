/// Reads the escapes the sanitiser writes, so a name shown on screen can be typed back on the command line
/// and name exactly the same key (docs/data-layout.md, "Names with odd bytes").
///
/// `\\` is a backslash, `\n` `\t` `\r` `\e` are LF, TAB, CR and ESC, `\xNN` is the byte NN (below 0x80 the
/// ASCII character, from 0x80 a raw byte that `RedisBytes.encode` writes as is) and `\u{X…}` is the scalar
/// U+X…. Any other backslash is itself, so `C:\Users` needs no escaping.
///
/// ```swift
/// EscapedText.parse(#"beta\x20"#)        // "beta " (what Sanitizer.name shows for a trailing space)
/// RedisBytes.encode(EscapedText.parse(#"bad\xff"#))   // [0x62, 0x61, 0x64, 0xFF]
/// ```
public enum EscapedText {
    public static func parse(_ text: String) -> String {
        guard text.utf8.contains(0x5C) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            guard s == "\\", i + 1 < scalars.count else {
                out.append(s)
                i += 1
                continue
            }
            switch scalars[i + 1] {
            case "\\": out.append("\\"); i += 2
            case "n": out.append("\n"); i += 2
            case "t": out.append("\t"); i += 2
            case "r": out.append("\r"); i += 2
            case "e": out.append("\u{1B}"); i += 2
            case "x":
                if i + 3 < scalars.count, let byte = UInt8(String(scalars[i + 2]) + String(scalars[i + 3]), radix: 16) {
                    out.append(byte < 0x80 ? Unicode.Scalar(byte) : RedisBytes.marker(for: byte))
                    i += 4
                } else {
                    out.append(s)
                    i += 1
                }
            case "u":
                if let (scalar, length) = unicodeEscape(scalars, at: i) {
                    out.append(scalar)
                    i += length
                } else {
                    out.append(s)
                    i += 1
                }
            default:
                out.append(s)
                i += 1
            }
        }
        return String(out)
    }

    /// `\u{X…}` at `i` (one to six hex digits): the scalar and the escape's length.
    private static func unicodeEscape(_ scalars: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
        guard i + 2 < scalars.count, scalars[i + 2] == "{" else { return nil }
        var j = i + 3
        var digits = ""
        while j < scalars.count, scalars[j] != "}", digits.count < 7 {
            digits.unicodeScalars.append(scalars[j])
            j += 1
        }
        guard j < scalars.count, scalars[j] == "}", (1...6).contains(digits.count),
              let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, j - i + 1)
    }
}
