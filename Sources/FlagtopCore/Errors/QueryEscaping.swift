/// Builds RediSearch query text from user input safely (docs/data-layout.md, "Error database"; notes/redis.md §1.4).
public enum QueryEscaping {
    /// RediSearch 1.x default stopwords: dropped from field filters, because a stopword inside a phrase is a
    /// syntax error and alone matches nothing on indexes created without `STOPWORDS 0` (like the seeds').
    public static let defaultStopwords: Set<String> = [
        "a", "is", "the", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "it", "no",
        "not", "of", "on", "or", "such", "that", "their", "then", "there", "these", "they", "this", "to", "was",
        "will", "with",
    ]

    /// TAG values: every ASCII character outside `[A-Za-z0-9_]` gets a backslash; non-ASCII is left alone.
    public static func escapeTag(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if scalar.isASCII && !(isWordASCII(scalar)) { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Splits text into the tokens the indexer makes: ASCII punctuation and whitespace (except `_`) separate
    /// tokens; letters, digits, `_` and non-ASCII characters stay.
    public static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII && !isWordASCII(scalar) {
                if !current.isEmpty { tokens.append(current); current = "" }
            } else if scalar.properties.isWhitespace || (scalar.value >= 0x80 && scalar.value <= 0x9F) {
                if !current.isEmpty { tokens.append(current); current = "" }
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// `@field:(tok1 tok2)` matching documents whose TEXT field contains every token of `value`;
    /// nil when `value` has no searchable token.
    public static func textFieldFilter(field: String, value: String) -> String? {
        let tokens = tokenize(value).filter { !defaultStopwords.contains($0.lowercased()) }
        guard !tokens.isEmpty else { return nil }
        return "@\(field):(\(tokens.joined(separator: " ")))"
    }

    private static func isWordASCII(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: return true
        default: return false
        }
    }
}
