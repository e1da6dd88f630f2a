/// Makes text from Redis safe to put on a terminal (docs/architecture.md, "Terminal safety").
///
/// Nothing is removed silently; what could act on the terminal or hide content becomes a visible escape, and
/// what looks alike stays distinguishable:
/// - C0 controls, DEL and C1 controls: `\e` (ESC), `\n`, `\t`, `\r`, otherwise `\xNN` (lowercase hex).
/// - Bytes of invalid UTF-8 (raw-byte markers from `RedisBytes.decode`): `\xNN`.
/// - A literal backslash that would read as the start of one of these escapes: `\\` (so the two characters
///   backslash-n show as `\\n`, a real newline as `\n`). `EscapedText.parse` turns the escapes back into text.
/// - Spaces that look like a space but are not (no-break space U+00A0, U+2000–U+200A, U+202F, …): `\u{00A0}`.
///   With ESC and the 8-bit introducers (CSI U+009B, OSC U+009D, DCS U+0090, APC U+009F, PM, ST) gone,
///   no escape sequence can reach the terminal.
/// - Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), invisible format characters
///   (U+200B, U+2060, U+FEFF, U+00AD, …), line/paragraph separators U+2028/U+2029 and Hangul fillers: `\u{XXXX}`.
/// - ZWNJ/ZWJ stay only between two non-ASCII visible scalars (emoji ZWJ sequences, Indic and Persian text);
///   emoji tag characters stay only inside a tag sequence (subdivision flags).
/// - A combining mark with no base of its own (start of the cell, or right after an escape) gets U+25CC
///   so it cannot merge into the previous cell; more than four marks on one base are escaped.
///
/// `name` adds one rule for names (toggle, session and log names): leading and trailing spaces show as `\x20`.
public enum Sanitizer {
    /// One-line cell text: every rule above, with newlines and tabs escaped as `\n` and `\t`.
    public static func singleLine(_ text: String) -> String {
        if UTF8Scan.isPlainASCII(text) { return text }
        return UTF8Scan.withBytes(text) { bytes in
            var line = LineSanitizer(expandTabs: false, capacity: bytes.count + 16)
            line.append(bytes, from: 0, to: bytes.count)
            return line.string
        }
    }

    /// A name (a toggle's, a session's, a log's) on one line: `singleLine`, with leading and trailing spaces
    /// shown as `\x20` so that `"beta "` and `"beta"` never look alike. `EscapedText.parse` reads it back.
    public static func name(_ text: String) -> String {
        guard text.first == " " || text.last == " " else { return singleLine(text) }
        let inner = text.drop(while: { $0 == " " })
        let core = inner.reversed().drop(while: { $0 == " " }).reversed()
        let leading = text.count - inner.count
        let trailing = inner.count - core.count
        var shown = singleLine(String(core))
        // A backslash that ended the text now comes before an escape: doubled, as singleLine would.
        if trailing > 0 && core.last == "\\" { shown += "\\" }
        let pad = { (n: Int) in String(repeating: "\\x20", count: n) }
        return pad(leading) + shown + pad(trailing)
    }

    /// Multi-line text (detail views): split on `\n` and `\r\n`, tabs expanded to the next multiple of
    /// four columns, each line otherwise sanitised as `singleLine` (a lone `\r` shows as `\r`).
    public static func multiLine(_ text: String) -> [String] {
        UTF8Scan.withBytes(text) { bytes in
            var lines: [String] = []
            var start = 0
            var i = 0
            while i <= bytes.count {
                if i == bytes.count || bytes[i] == 0x0A {
                    var end = i
                    if i < bytes.count && end > start && bytes[end - 1] == 0x0D { end -= 1 }
                    lines.append(sanitizedLine(bytes, from: start, to: end))
                    start = i + 1
                }
                i += 1
            }
            return lines
        }
    }

    /// True when `singleLine` would return the text unchanged.
    public static func isSafe(_ text: String) -> Bool {
        UTF8Scan.isPlainASCII(text) || singleLine(text).utf8.elementsEqual(text.utf8)
    }

    private static func sanitizedLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        if UTF8Scan.isPlainASCII(bytes, from: start, to: end) {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        var line = LineSanitizer(expandTabs: true, capacity: end - start + 16)
        line.append(bytes, from: start, to: end)
        return line.string
    }
}
