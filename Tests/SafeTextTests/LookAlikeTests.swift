import FlagtopTestSupport
import Testing
@testable import SafeText

/// Names that differ must look different: a trailing space, a no-break space, a real newline and the two
/// characters backslash-n, a raw byte and the text of its escape. And what is shown can be typed back.
struct LookAlikeTests {
    static let lookAlikes = ["beta", "beta ", " beta", "be\u{A0}ta", "be ta", "be\u{2009}ta", "be\nta", "be\\nta", "be\\\\nta",
                             "be\\ta", "be\tta", "be\u{1B}ta", "be\\eta", "be\\x41ta", "beAta", "be\u{202F}ta",
                             "be" + RedisBytes.decode([0xFF]) + "ta", "be\\xffta", "be\\u{41}ta"]

    @Test func everyLookAlikeNameIsShownDifferently() {
        let shown = Self.lookAlikes.map(Sanitizer.name)
        #expect(Set(shown).count == shown.count, "\(shown)")
        #expect(Sanitizer.name("beta ") == "beta\\x20")
        #expect(Sanitizer.name("  beta") == "\\x20\\x20beta")
        #expect(Sanitizer.name("be\u{A0}ta") == "be\\u{00A0}ta")
        #expect(Sanitizer.name("be\nta") == "be\\nta")
        #expect(Sanitizer.name("be\\nta") == "be\\\\nta")
        #expect(Sanitizer.name("C:\\Users") == "C:\\Users")
    }

    @Test func cellTextKeepsNewlinesAndBackslashesApart() {
        #expect(Sanitizer.singleLine("a\nb") == "a\\nb")
        #expect(Sanitizer.singleLine("a\\nb") == "a\\\\nb")
        #expect(Sanitizer.singleLine("a\\\u{1B}") == "a\\\\\\e")
        #expect(Sanitizer.singleLine("a\u{A0}b") == "a\\u{00A0}b")
        #expect(Sanitizer.singleLine("end\\") == "end\\")
    }

    @Test func whatIsShownParsesBackToTheName() {
        for name in Self.lookAlikes + ["\\", "\\\\", "a\\", "\\\u{202E}x", "x\u{7F}\u{0}y"] {
            #expect(TextChecks.sameScalars(EscapedText.parse(Sanitizer.name(name)), name), "\(Array(name.unicodeScalars))")
        }
        #expect(RedisBytes.encode(EscapedText.parse("bad\\xff")) == Array("bad".utf8) + [0xFF])
        #expect(EscapedText.parse("plain") == "plain")
        #expect(EscapedText.parse("C:\\Users\\x") == "C:\\Users\\x")  // not an escape: left as typed
        #expect(EscapedText.parse("\\u{1F680}") == "🚀")
    }

    @Test func randomBytesRoundTripThroughTheDisplayForm() {
        var rng = SeededGenerator(seed: 0x1007A11C)
        let pieces: [[UInt8]] = [[0x5C], [0x5C, 0x6E], [0x0A], [0x20], [0xC2, 0xA0], [0xFF], [0x1B], Array("x41".utf8),
                                 Array("u{41}".utf8), Array("中".utf8), Array("\u{202E}".utf8), [0x7F], Array("ab".utf8)]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...8, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
            let name = RedisBytes.decode(bytes)
            #expect(RedisBytes.encode(EscapedText.parse(Sanitizer.name(name))) == bytes, "\(bytes)")
        }
    }
}
