import FlagtopCore
import Testing

/// Escaping user input for RediSearch queries (docs/data-layout.md, "Error database").
@Suite struct QueryEscapingTests {
    static let punctuation = Array(##"!"#$%&'()*+,-./:;<=>?@[\]^`{|}~"##)

    @Test func punctuationListIsComplete() {
        // Every printable ASCII character is a letter, a digit, `_` or in the list above.
        for v in 0x21...0x7E {
            let ch = Character(Unicode.Scalar(UInt8(v)))
            #expect(ch.isLetter || ch.isNumber || ch == "_" || Self.punctuation.contains(ch))
        }
        #expect(Self.punctuation.count == 31)
    }

    @Test(arguments: punctuation)
    func escapeTagBackslashesEveryPunctuationCharacter(ch: Character) {
        #expect(QueryEscaping.escapeTag("a\(ch)b") == "a\\\(ch)b")
    }

    @Test func escapeTagSpaceAndControls() {
        #expect(QueryEscaping.escapeTag("John S") == "John\\ S")
        #expect(QueryEscaping.escapeTag("a\tb") == "a\\\tb")
    }

    @Test func escapeTagLeavesWordCharactersAndNonASCII() {
        let word = "abcXYZ019_"
        #expect(QueryEscaping.escapeTag(word) == word)
        #expect(QueryEscaping.escapeTag("café-ü") == "café\\-ü")
    }

    @Test func tokenizeLikeTheIndexer() {
        #expect(QueryEscaping.tokenize("John S,Stephanie B") == ["John", "S", "Stephanie", "B"])
        #expect(QueryEscaping.tokenize("user_name foo-bar") == ["user_name", "foo", "bar"])
        #expect(QueryEscaping.tokenize("java.lang.ArrayIndexOutOfBoundsException: 5") == ["java", "lang", "ArrayIndexOutOfBoundsException", "5"])
        #expect(QueryEscaping.tokenize("café über") == ["café", "über"])
        #expect(QueryEscaping.tokenize("  ,,  ") == [])
        #expect(QueryEscaping.tokenize("") == [])
    }

    @Test func textFieldFilter() {
        #expect(QueryEscaping.textFieldFilter(field: "fingerPrint", value: "Stephanie B") == "@fingerPrint:(Stephanie B)")
        #expect(QueryEscaping.textFieldFilter(field: "fingerPrint", value: "O'Brien, J.") == "@fingerPrint:(O Brien J)")
        // Stopwords are dropped; nothing left → no filter.
        #expect(QueryEscaping.textFieldFilter(field: "toggleName", value: "the a") == nil)
        #expect(QueryEscaping.textFieldFilter(field: "toggleName", value: "(@x:{y})") == "@toggleName:(x y)")
    }
}
