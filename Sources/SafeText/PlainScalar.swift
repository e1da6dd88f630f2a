/// Scalars that text can be drawn from without the sanitiser, grapheme breaking or the width table.
///
/// A plain scalar is printable, kept as is by `Sanitizer` (so not the backslash, which may be doubled), takes exactly one cell and never joins a
/// neighbour into one grapheme cluster (it is no mark, joiner, prepended mark, Hangul jamo or regional
/// indicator): printable ASCII, Latin-1 and Latin Extended letters, dashes and quotes, arrows, box
/// drawing, block elements and geometric shapes. Dashboard screens are mostly made of these, so text
/// of plain scalars only is the renderer's fast path.
///
/// ```swift
/// PlainScalar.width(of: "┌─ Toggles ─┐")   // 13
/// PlainScalar.width(of: "機能")            // nil: wide, take the general path
/// ```
public enum PlainScalar {
    /// True when the scalar `value` is plain.
    @inline(__always)
    public static func contains(_ value: UInt32) -> Bool {
        // A backslash may be doubled and a no-break space is escaped (see `Sanitizer`): not plain.
        if value < 0x7F { return value >= 0x20 && value != 0x5C }
        if value < 0x300 { return value > 0xA0 && value != 0xAD }  // soft hyphen: escaped
        if value < 0x2010 { return false }
        if value <= 0x2027 { return true }  // dashes, quotes, bullet, ellipsis
        if value < 0x2030 { return false }  // line/paragraph separators, bidi embeddings
        if value <= 0x205E { return true }  // per mille … four dot mark
        if value < 0x2190 { return false }
        if value <= 0x21FF { return true }  // arrows
        if value < 0x2500 { return false }
        return value <= 0x25FC  // box drawing, block elements, geometric shapes (U+25FD/25FE are wide)
    }

    /// True when every byte of `text` is printable ASCII (0x20–0x7E).
    public static func isPrintableASCII(_ text: String) -> Bool {
        UTF8Scan.isPrintableASCII(text)
    }

    /// The cells `text` takes when every scalar of it is plain (one each), else nil. Such text is
    /// unchanged by `Sanitizer.singleLine` and each of its scalars is a grapheme of its own.
    public static func width(of text: String) -> Int? {
        if UTF8Scan.isPlainASCII(text) { return text.utf8.count }
        var count = 0
        for scalar in text.unicodeScalars {
            guard contains(scalar.value) else { return nil }
            count += 1
        }
        return count
    }
}
