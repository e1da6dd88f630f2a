import FlagtopTestSupport
import SafeText
import Testing

/// `PlainScalar` is the renderer's licence to skip sanitising, grapheme breaking and the width table:
/// every scalar it admits must be unchanged by the sanitiser, one cell wide and a grapheme of its own.
@Suite struct PlainScalarTests {
    static let candidates: [ClosedRange<UInt32>] = [0x0...0x3FF, 0x2000...0x2FFF]

    @Test func everyPlainScalarIsSafeNarrowAndSeparate() {
        var plain = 0
        for range in Self.candidates {
            for v in range where PlainScalar.contains(v) {
                guard let scalar = Unicode.Scalar(v) else { continue }
                plain += 1
                let s = String(Character(scalar))
                #expect(Sanitizer.singleLine(s) == s, "U+\(String(v, radix: 16))")
                #expect(Sanitizer.singleLine("a\(s)b") == "a\(s)b", "U+\(String(v, radix: 16))")
                #expect(DisplayWidth.of(s) == 1, "U+\(String(v, radix: 16))")
                #expect(("x" + s).count == 2 && (s + "x").count == 2, "U+\(String(v, radix: 16))")
                #expect(("\u{1F1FA}" + s).count == 2 && ("\u{1100}" + s).count == 2 && (s + "\u{1100}").count == 2, "U+\(String(v, radix: 16))")
            }
        }
        #expect(plain > 1000)
        for excluded: UInt32 in [0x0, 0x1B, 0x5C, 0xA0, 0x7F, 0x85, 0x9B, 0xAD, 0x300, 0x200B, 0x200D, 0x2028, 0x202E, 0x2060, 0x25FD, 0x25FE, 0x3000] {
            #expect(!PlainScalar.contains(excluded), "U+\(String(excluded, radix: 16))")
        }
    }

    @Test func pairsOfPlainScalarsNeverMerge() {
        var rng = SeededGenerator(seed: 41)
        let plain = Self.candidates.flatMap { $0.filter(PlainScalar.contains) }.compactMap(Unicode.Scalar.init)
        for _ in 0..<20_000 {
            let a = plain.randomElement(using: &rng)!
            let b = plain.randomElement(using: &rng)!
            #expect((String(a) + String(b)).count == 2, "U+\(String(a.value, radix: 16)) U+\(String(b.value, radix: 16))")
        }
    }

    @Test func widthAgreesWithTheGeneralPath() {
        var rng = SeededGenerator(seed: 5)
        let pieces = ["a", "─", "…", "é", "漢", "\u{301}", "\u{1b}", "👍🏽", " ", "→", "\u{AD}", "▇"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            if let width = PlainScalar.width(of: text) {
                #expect(width == DisplayWidth.of(Sanitizer.singleLine(text)))
                #expect(Sanitizer.singleLine(text) == text)
                #expect(width == text.count)
            } else {
                #expect(text.unicodeScalars.contains { !PlainScalar.contains($0.value) })
            }
        }
        #expect(PlainScalar.isPrintableASCII("abc ~") && !PlainScalar.isPrintableASCII("abc\t") && !PlainScalar.isPrintableASCII("é"))
    }
}
