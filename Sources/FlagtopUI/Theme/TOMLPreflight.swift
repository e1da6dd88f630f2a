/// Screens theme text before TOMLKit parses it, because TOMLKit's bundled toml++ aborts the process
/// (an assertion in debug builds, undefined behaviour under `NDEBUG`) on some malformed input instead
/// of reporting an error. Known triggers, all invalid TOML:
/// - a table header whose `[` or `[[` is not followed by a key: `[[[roles]]]`, `[.a]`, `[` at line end;
/// - `}` where an array expects a value: `x = [1, }`;
/// - odd date and time values: `x = 1979-05-27 1]`, `x = 1979-05-27T:`;
/// - Unicode line separators between array values: `x = [\u{2028}]`.
///
/// Theme files only need strings, whole numbers, booleans, arrays and tables, so any other bare value
/// (dates, times, floats, hex, `inf`) is rejected here with its line, and toml++ never sees it.
enum TOMLPreflight {
    /// The first problem found, or nil when the text is safe to hand to TOMLKit.
    static func problem(in source: String) -> ThemeFileError? {
        var scanner = Scanner(scalars: Array(source.unicodeScalars))
        return scanner.run()
    }

    private struct Scanner {
        /// The last significant thing seen; decides whether a bare word is a key or a value.
        enum Previous { case lineStart, equals, openBracket, openBrace, comma, other }

        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1
        var open: [Unicode.Scalar] = []  // arrays and inline tables open inside a value
        var previous = Previous.lineStart

        var inValuePosition: Bool {
            previous == .equals || (open.last == "[" && (previous == .openBracket || previous == .comma))
        }

        mutating func run() -> ThemeFileError? {
            while index < scalars.count {
                let scalar = scalars[index]
                switch scalar {
                case "\n":
                    line += 1
                    if open.isEmpty { previous = .lineStart }
                    index += 1
                case "#":
                    while index < scalars.count, scalars[index] != "\n" { index += 1 }
                case "\"", "'":
                    skipString(quote: scalar)
                    previous = .other
                case "[" where open.isEmpty && previous == .lineStart:
                    if let problem = checkHeader() { return problem }
                    previous = .other
                case "[", "{":
                    if inValuePosition {
                        open.append(scalar)
                        previous = scalar == "[" ? .openBracket : .openBrace
                    } else {
                        previous = .other
                    }
                    index += 1
                case "}" where open.last == "[":
                    return error("'}' inside an array")
                case "]", "}":
                    if open.last == (scalar == "]" ? "[" : "{") { open.removeLast() }
                    previous = .other
                    index += 1
                case ",":
                    previous = .comma
                    index += 1
                case "=":
                    previous = .equals
                    index += 1
                case _
                where !scalar.isASCII || scalar.value == 0x7f
                    || (scalar.value < 0x20 && scalar != "\t" && scalar != "\r"):
                    // Outside strings and comments TOML is ASCII; toml++ trips on e.g. U+2028 inside arrays.
                    return error(
                        "unexpected character U+\(String(scalar.value, radix: 16, uppercase: true)) outside a string")
                case _ where scalar.properties.isWhitespace:
                    index += 1
                default:
                    let start = index
                    while index < scalars.count, !Self.endsBareWord(scalars[index]) { index += 1 }
                    if inValuePosition {
                        let word = String(String.UnicodeScalarView(scalars[start..<index]))
                        if !Self.isAllowedBareValue(word) {
                            return error(
                                "unsupported value '\(word)' (theme files use \"strings\", whole numbers and [lists])")
                        }
                    }
                    previous = .other
                }
            }
            return nil
        }

        /// At a header's `[`: toml++ needs a key character, a quote or `]` after `[` or `[[` and blanks.
        mutating func checkHeader() -> ThemeFileError? {
            index += 1
            var sawBlank = false
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" {
                sawBlank = true
                index += 1
            }
            if index < scalars.count, scalars[index] == "[", !sawBlank {
                index += 1
                while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            }
            guard index < scalars.count else { return nil }
            switch scalars[index] {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "\"", "'", "]": return nil
            default: return error("a table header needs a key after '[', like [roles]")
            }
        }

        /// Moves past a string starting at `index`, counting the lines a multi-line string spans.
        mutating func skipString(quote: Unicode.Scalar) {
            let isTriple = index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote
            let width = isTriple ? 3 : 1
            index += width
            while index < scalars.count {
                let scalar = scalars[index]
                if quote == "\"" && scalar == "\\" {
                    index += 1
                    if index < scalars.count, scalars[index] == "\n" { line += 1 }
                } else if scalar == quote
                    && (!isTriple
                        || (index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote))
                {
                    index += width
                    return
                } else if scalar == "\n" {
                    if !isTriple { return }  // toml++ reports the unterminated string
                    line += 1
                }
                index += 1
            }
        }

        func error(_ message: String) -> ThemeFileError {
            ThemeFileError(line: line, message: "TOML syntax error: \(message)")
        }

        static func endsBareWord(_ scalar: Unicode.Scalar) -> Bool {
            "\n,[]{}#=\"'".unicodeScalars.contains(scalar) || scalar.properties.isWhitespace
        }

        /// `true`, `false` or a TOML decimal integer such as `245`, `-3` or `1_000`.
        static func isAllowedBareValue(_ word: String) -> Bool {
            if word == "true" || word == "false" { return true }
            var digits = Substring(word)
            if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
            guard let first = digits.first, first.isASCII, first.isNumber else { return false }
            if first == "0" { return digits.count == 1 }
            var previousWasDigit = false
            for character in digits {
                if character == "_" {
                    guard previousWasDigit else { return false }
                    previousWasDigit = false
                } else if character.isASCII && character.isNumber {
                    previousWasDigit = true
                } else {
                    return false
                }
            }
            return previousWasDigit
        }
    }
}
