/// A RediSearch-style query evaluated in memory by the basic backend (no search module): the `@field:(…)`
/// filters flagtop itself generates (`--toggle`, `--fingerprint`, the fingerprint browser) match when every
/// token is a token of that field, as on RediSearch; other words match as case-insensitive substrings of any
/// field, `-word` excludes, `"a phrase"` is one substring, and `*`, parentheses and `|` are ignored.
public struct BasicErrorQuery: Sendable, Equatable {
    /// Field name (lower-cased) → tokens (lower-cased) that field must all contain.
    public var fieldTokens: [(field: String, tokens: [String])] = []
    /// Substrings (lower-cased) that must occur in some field.
    public var words: [String] = []
    /// Substrings (lower-cased) that must occur in no field.
    public var excluded: [String] = []

    public init(_ text: String) {
        let chars = Array(text)
        var i = 0
        func readWhile(_ keep: (Character) -> Bool) -> String {
            var out = ""
            while i < chars.count, keep(chars[i]) { out.append(chars[i]); i += 1 }
            return out
        }
        /// Up to the closing character, honouring backslash escapes.
        func readUntil(_ close: Character) -> String {
            var out = ""
            while i < chars.count, chars[i] != close {
                if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                out.append(chars[i])
                i += 1
            }
            if i < chars.count { i += 1 }
            return out
        }
        func isBreak(_ c: Character) -> Bool { c.isWhitespace || c == "(" || c == ")" || c == "|" }
        while i < chars.count {
            let c = chars[i]
            if isBreak(c) { i += 1; continue }
            var negate = false
            if c == "-" || c == "~" { negate = c == "-"; i += 1; if i >= chars.count { break } }
            if chars[i] == "@" {
                i += 1
                let field = readWhile { $0 != ":" && !$0.isWhitespace }.lowercased()
                guard i < chars.count, chars[i] == ":" else {
                    // Not a field filter after all: an ordinary word.
                    if negate { excluded.append("@" + field) } else { words.append("@" + field) }
                    continue
                }
                i += 1
                var value = ""
                if i < chars.count, chars[i] == "(" { i += 1; value = readUntil(")") }
                else if i < chars.count, chars[i] == "{" { i += 1; value = readUntil("}") }
                else { value = readWhile { !isBreak($0) } }
                let tokens = QueryEscaping.tokenize(value).map { $0.lowercased() }.filter { $0 != "*" }
                if !tokens.isEmpty, !negate { fieldTokens.append((field, tokens)) }
                continue
            }
            let word: String
            if chars[i] == "\"" { i += 1; word = readUntil("\"") } else { word = readWhile { !isBreak($0) } }
            let cleaned = word.trimmingEnds(of: "*%").lowercased()
            if cleaned.isEmpty { continue }
            if negate { excluded.append(cleaned) } else { words.append(cleaned) }
        }
    }

    public static func == (a: BasicErrorQuery, b: BasicErrorQuery) -> Bool {
        a.words == b.words && a.excluded == b.excluded
            && a.fieldTokens.map { $0.field + ":" + $0.tokens.joined(separator: " ") } == b.fieldTokens.map { $0.field + ":" + $0.tokens.joined(separator: " ") }
    }

    /// Whether matching needs fields other than `available` (lower-cased names): free words look at every field.
    public func needsFields(beyond available: Set<String>) -> Bool {
        !words.isEmpty || !excluded.isEmpty || fieldTokens.contains { !available.contains($0.field) }
    }

    /// Whether a document with these fields matches.
    public func matches(_ fields: [Field]) -> Bool {
        for clause in fieldTokens {
            let values = fields.filter { $0.name.lowercased() == clause.field }
            let have = Set(values.flatMap { QueryEscaping.tokenize($0.value).map { $0.lowercased() } })
            if !clause.tokens.allSatisfy(have.contains) { return false }
        }
        guard !words.isEmpty || !excluded.isEmpty else { return true }
        let haystack = fields.map { $0.value.lowercased() }
        if !words.allSatisfy({ w in haystack.contains { $0.contains(w) } }) { return false }
        return !excluded.contains { w in haystack.contains { $0.contains(w) } }
    }
}

extension String {
    /// Drops the characters of `set` from both ends.
    fileprivate func trimmingEnds(of set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
