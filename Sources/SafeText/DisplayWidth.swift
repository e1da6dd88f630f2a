/// Terminal cell widths of sanitised text, measured per grapheme cluster, and cutting text to a width.
///
/// A cluster takes the width of its base: East Asian Wide/Fullwidth and emoji presentation take 2,
/// combining marks and zero-width characters 0, everything else 1. Emoji sequences (ZWJ, flags, skin
/// tones, keycaps, VS16) take 2. Spacing marks (Indic vowel signs) add a cell each, as terminals draw them.
/// Controls count 0: sanitise first.
public enum DisplayWidth {
    /// Cells one grapheme takes: 0, 1 or 2 (a cluster with spacing marks can take more).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return 0 }
        var width = WidthTable.width(of: first)
        guard var next = iterator.next() else { return width }
        let emojiBase = first.value >= 0x80 ? first.properties.isEmoji : isKeycapBase(first.value)
        while true {
            switch next.value {
            case 0xFE0F:  // VS16: emoji presentation of a text-default base
                if emojiBase { width = 2 }
            case 0x1F3FB...0x1F3FF:  // skin tone modifier
                width = 2
            case 0x200D:
                break
            default:
                if width == 0 {
                    width = WidthTable.width(of: next)  // prepended marks, or marks without a base
                } else if next.value >= 0x900 && next.properties.generalCategory == .spacingMark {
                    width += 1
                }
            }
            guard let following = iterator.next() else { return width }
            next = following
        }
    }

    /// Cells a whole string takes.
    public static func of(_ text: String) -> Int {
        if UTF8Scan.isPrintableASCII(text) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest prefix that fits in `width` cells, ending in `…` when cut (never splits a grapheme or a
    /// wide character, so the result may be one cell short of `width`).
    public static func truncate(_ text: String, to width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        let budget = ellipsis ? width - 1 : width
        // Printable ASCII up to one byte past the width: certainly too long, and every byte is its own grapheme.
        let asciiPastWidth = UTF8Scan.withBytes(text) {
            $0.count > width && UTF8Scan.isPrintableASCII($0, from: 0, to: width + 1)
        }
        if asciiPastWidth {
            return String(decoding: text.utf8.prefix(budget), as: UTF8.self) + (ellipsis ? "…" : "")
        }
        if text.utf8.count <= width && UTF8Scan.isPrintableASCII(text) { return text }
        var used = 0
        var cut = text.startIndex
        var cutFound = false
        var index = text.startIndex
        // Stops once past `width`, so a huge value costs only as much as the cells shown.
        while index < text.endIndex {
            let next = text.index(after: index)
            used += of(text[index])
            if used > width { break }
            if !cutFound {
                if used <= budget { cut = next } else { cutFound = true }
            }
            index = next
        }
        if used <= width { return text }
        return String(text[..<cut]) + (ellipsis ? "…" : "")
    }

    /// `text` truncated (with `…`) or padded with spaces to exactly `width` cells, so columns stay aligned.
    public static func fit(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, to: width)
        let w = of(cut)
        return w < width ? cut + String(repeating: " ", count: width - w) : cut
    }

    /// Wraps text to lines of at most `width` cells: breaks at spaces when it can, hard-wraps words longer
    /// than a line at grapheme boundaries, and starts a new line at each `\n`. A grapheme wider than
    /// `width` itself becomes `…`. An empty text gives one empty line; a width below 1 gives none.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        if UTF8Scan.isPrintableASCII(text) && text.utf8.count <= width { return [text] }
        var wrapper = TextWrapper(width: width)
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            wrapper.wrap(paragraph)
        }
        return wrapper.lines
    }

    /// Digits, `#` and `*` take emoji presentation in keycap sequences.
    private static func isKeycapBase(_ v: UInt32) -> Bool {
        (0x30...0x39).contains(v) || v == 0x23 || v == 0x2A
    }
}
