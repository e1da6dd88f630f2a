/// Finds the line where a key path is written in TOML source text. TOMLKit does not keep positions
/// for values, so semantic errors (a bad colour, an unknown role) locate their line by scanning the text.
/// It understands `[table]` and `[[array]]` headers, `key = …` lines with dotted and quoted keys, and
/// comments; a path that is written inside an inline table resolves to the line of its nearest written parent.
struct TOMLLineLocator {
    /// First line (1-based) on which each full key path is defined.
    private var lines: [[String]: Int] = [:]

    init(source: String) {
        var table: [String] = []
        var lineNumber = 0
        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("[") {
                let isArray = line.hasPrefix("[[")
                let inner = line.dropFirst(isArray ? 2 : 1)
                guard let close = Self.firstIndex(of: "]", outsideQuotesIn: inner),
                    let path = Self.keyPath(inner[inner.startIndex..<close])
                else { continue }
                table = path
                record(path, at: lineNumber)
            } else if let equals = Self.firstIndex(of: "=", outsideQuotesIn: line),
                let path = Self.keyPath(line[line.startIndex..<equals])
            {
                // Record every prefix too, so `roles.text = …` at top level also locates `roles`.
                for length in 1...path.count {
                    record(table + path.prefix(length), at: lineNumber)
                }
            }
        }
    }

    /// The line of `path`, or of its nearest ancestor that is written in the text; nil if none is.
    func line(of path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    private mutating func record(_ path: [String], at line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    /// Index of the first `target` not inside a quoted string.
    private static func firstIndex(of target: Character, outsideQuotesIn text: Substring) -> Substring.Index? {
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == "\\" && open == "\"" {
                    index = text.index(after: index)
                    if index == text.endIndex { break }
                } else if character == open {
                    quote = nil
                }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == target {
                return index
            } else if character == "#" {
                return nil
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Splits a dotted key (`a . "b.c" . d`) into its parts; nil if it is not a valid key.
    private static func keyPath(_ text: Substring) -> [String]? {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        var sawQuoted = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                sawQuoted = true
            } else if character == "." {
                guard let part = finish(current, quoted: sawQuoted) else { return nil }
                parts.append(part)
                current = ""
                sawQuoted = false
            } else if character == " " || character == "\t" {
                continue
            } else if character.isASCII
                && (character.isLetter || character.isNumber || character == "_" || character == "-")
            {
                current.append(character)
            } else {
                return nil
            }
        }
        guard quote == nil, let last = finish(current, quoted: sawQuoted) else { return nil }
        parts.append(last)
        return parts
    }

    private static func finish(_ part: String, quoted: Bool) -> String? {
        part.isEmpty && !quoted ? nil : part
    }
}
