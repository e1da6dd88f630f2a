import Foundation
import SafeText

/// Text output helpers. Cells from Redis are sanitised where they are formatted (`safe`, `name`, `Table`);
/// `print` is the last gate every text line passes, so a string that slipped past formatting still cannot
/// reach the terminal as a control, an escape sequence or a bidi override. JSON goes out through `printJSON`,
/// whose encoder escapes the same characters (docs/json.md).
enum Terminal {
    /// One-line cell text (`Sanitizer.singleLine`).
    static func safe(_ text: String) -> String { Sanitizer.singleLine(text) }

    /// A toggle, session or log name, shown so that look-alikes differ (`Sanitizer.name`).
    static func name(_ text: String) -> String { Sanitizer.name(text) }

    /// Prints text (one or more lines) on stdout, every line through `neutralised`.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((neutralised(text) + "\n").utf8))
    }

    /// Prints a JSON document on stdout, one line.
    static func printJSON(_ json: JSON) {
        FileHandle.standardOutput.write(Data((json.encoded + "\n").utf8))
    }

    /// `text` with every character that acts on a terminal escaped (C0 except newline, DEL, C1, format and
    /// bidi characters, line separators, raw bytes) and everything else untouched: sanitised text passes
    /// unchanged, so formatting and this gate never escape twice.
    static func neutralised(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isInert($0, newlineAllowed: true) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isInert(scalar, newlineAllowed: true) { out.append(scalar); continue }
            out.append(contentsOf: Sanitizer.singleLine(String(scalar)).unicodeScalars)
        }
        return String(out)
    }

    /// Whether a scalar can be written to a terminal as is.
    static func isInert(_ scalar: Unicode.Scalar, newlineAllowed: Bool) -> Bool {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 || (newlineAllowed && v == 0x0A) }
        if v <= 0x9F || RedisBytes.byte(ofMarker: v) != nil { return false }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control: return false
        default: return true
        }
    }
}

extension Terminal {
    /// A note on stderr (skipped keys and the like), sanitised.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data(("note: " + safe(line) + "\n").utf8))
    }
}
