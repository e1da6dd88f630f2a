/// The errors query that finds one developer's errors: a field filter on the `fingerPrint` TEXT
/// field, with the name tokenized the way the indexer tokenizes it (every ASCII character outside
/// `[A-Za-z0-9_]` separates tokens, tokens are lower-cased), so no user text reaches the query syntax.
enum FingerprintQuery {
    /// `@fingerPrint:john` or `@fingerPrint:(john s)`; nil when the name has no token.
    static func make(_ name: String) -> String? {
        var tokens: [String] = []
        var current = ""
        for scalar in name.unicodeScalars {
            let v = scalar.value
            let separates = v < 0x80 && !((0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || v == 0x5F)
            let control = (0x80...0x9F).contains(v)
            if separates || control || scalar.properties.isWhitespace {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        tokens = tokens.map { $0.lowercased() }
        guard !tokens.isEmpty else { return nil }
        return tokens.count == 1 ? "@fingerPrint:\(tokens[0])" : "@fingerPrint:(\(tokens.joined(separator: " ")))"
    }
}
