import SafeText

/// Measuring and wrapping raw (unsanitised) text the way `CellGrid.write` will show it, so views can
/// align and wrap without sanitising twice: text still goes to the grid raw and is sanitised there.
enum TextMeasure {
    /// The cells `raw` takes once sanitised.
    static func width(_ raw: String) -> Int {
        PlainScalar.width(of: raw) ?? DisplayWidth.of(Sanitizer.singleLine(raw))
    }

    /// The cells a span takes on screen (a name's text is already its display form).
    static func width(_ span: Span) -> Int {
        span.isSanitized ? (PlainScalar.width(of: span.text) ?? DisplayWidth.of(span.text)) : width(span.text)
    }

    /// Raw text split into display lines: at newlines (CR LF, LF, CR), tabs expanded to spaces, then
    /// wrapped to `width` cells, breaking after a space when the line has one.
    static func wrap(_ raw: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for line in splitLines(raw) {
            result += wrapLine(expandTabs(line), width: width)
        }
        return result
    }

    static func splitLines(_ raw: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for c in raw {
            // "\r\n" is one Character.
            if c == "\n" || c == "\r" || c == "\r\n" {
                lines.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        lines.append(current)
        return lines
    }

    /// Cells one character takes once sanitised; printable ASCII (most of any long text) skips the sanitiser,
    /// which keeps wrapping a multi-megabyte exception fast.
    private static func cells(_ c: Character) -> Int {
        if let ascii = c.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        return max(0, DisplayWidth.of(Sanitizer.singleLine(String(c))))
    }

    private static func expandTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var out = ""
        for c in line { if c == "\t" { out += "    " } else { out.append(c) } }
        return out
    }

    private static func wrapLine(_ line: String, width: Int) -> [String] {
        var lines: [String] = []
        var current: [Character] = []
        var used = 0
        var lastSpace: Int? = nil
        for c in line {
            let w = cells(c)
            if used + w > width, !current.isEmpty {
                if let space = lastSpace, space > 0 {
                    lines.append(String(current[..<space]))
                    current = Array(current[(space + 1)...])
                } else {
                    lines.append(String(current))
                    current = []
                }
                used = current.reduce(0) { $0 + cells($1) }
                lastSpace = current.lastIndex(of: " ")
            }
            if c == " " { lastSpace = current.count }
            current.append(c)
            used += w
        }
        lines.append(String(current))
        return lines
    }
}
