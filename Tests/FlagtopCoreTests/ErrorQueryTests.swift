import FlagtopCore
import Testing

/// The RediSearch query string built from free text and escaped filters.
@Suite struct ErrorQueryTests {
    @Test func emptyMatchesEverything() {
        #expect(ErrorQuery().rediSearchQuery == "*")
        #expect(ErrorQuery(text: "   ").rediSearchQuery == "*")
    }

    @Test func freeTextAlonePassesThrough() {
        #expect(ErrorQuery(text: "John").rediSearchQuery == "John")
        #expect(ErrorQuery(text: "@toggleName:useNew*").rediSearchQuery == "@toggleName:useNew*")
    }

    @Test func filtersOnly() {
        #expect(ErrorQuery(fingerprint: "Stephanie B").rediSearchQuery == "@fingerPrint:(Stephanie B)")
        #expect(ErrorQuery(toggle: "useNewAlgorithm").rediSearchQuery == "@toggleName:(useNewAlgorithm)")
    }

    @Test func textIsGroupedWhenCombinedWithFilters() {
        #expect(ErrorQuery(text: "John | Ann", toggle: "useNewAlgorithm").rediSearchQuery == "(John | Ann) @toggleName:(useNewAlgorithm)")
        #expect(ErrorQuery(text: "boom", fingerprint: "John S", toggle: "t").rediSearchQuery == "(boom) @fingerPrint:(John S) @toggleName:(t)")
    }

    @Test func filterInjectionIsNeutralised() {
        let q = ErrorQuery(fingerprint: "x) | (@toggleName:*").rediSearchQuery
        #expect(!q.contains("|"))
        #expect(!q.contains("*"))
        #expect(q == "@fingerPrint:(x toggleName)")
    }
}
