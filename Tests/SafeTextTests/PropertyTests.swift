import FlagtopTestSupport
import Testing
@testable import SafeText

/// Random bytes, biased towards what attackers send, through decode → sanitise → width functions.
struct PropertyTests {
    /// Fragments that make hostile strings more likely than uniform random bytes would.
    static let fragments: [[UInt8]] = [
        [0x1B], [0x1B, 0x5B], [0x1B, 0x5D], [0x07], [0x00], [0x7F], [0x0A], [0x0D], [0x09], [0x08],
        [0xC2, 0x9B], [0xC2, 0x9D], [0xC2, 0x90], [0xC2, 0x9F], [0xC2, 0x9C], [0xC2, 0x85],
        Array("\u{202E}".utf8), Array("\u{2066}".utf8), Array("\u{200F}".utf8), Array("\u{061C}".utf8),
        Array("\u{200B}".utf8), Array("\u{200D}".utf8), Array("\u{FEFF}".utf8), Array("\u{2028}".utf8),
        Array("\u{301}".utf8), Array("\u{FE0F}".utf8), Array("中".utf8), Array("😀".utf8), Array("🇯".utf8),
        Array("👨‍👩‍👧".utf8), Array("\u{AD}".utf8), [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF], [0xE2, 0x82],
        Array("abc ".utf8), Array("  ".utf8), Array("é".utf8), Array("कि".utf8),
    ]

    static func randomInput(_ rng: inout SeededGenerator) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...24, using: &rng) {
            if Bool.random(using: &rng) {
                bytes += fragments.randomElement(using: &rng)!
            } else {
                bytes.append(UInt8.random(in: 0...255, using: &rng))
            }
        }
        return RedisBytes.decode(bytes)
    }

    @Test func sanitisedOutputNeverContainsControlsOrBidi() {
        var rng = SeededGenerator(seed: 0x5AFE_7E27)
        for _ in 0..<3000 {
            let input = Self.randomInput(&rng)
            let single = Sanitizer.singleLine(input)
            #expect(TextChecks.forbiddenScalars(in: single).isEmpty, "\(Array(input.unicodeScalars))")
            if let first = single.unicodeScalars.first { #expect(!TextChecks.isMark(first)) }
            for line in Sanitizer.multiLine(input) {
                #expect(TextChecks.forbiddenScalars(in: line).isEmpty)
                if let first = line.unicodeScalars.first { #expect(!TextChecks.isMark(first)) }
            }
            // Escapes are printable ASCII, so a second pass adds nothing but doubled backslashes.
            #expect(Sanitizer.singleLine(single).unicodeScalars.filter { $0 != "\\" } == single.unicodeScalars.filter { $0 != "\\" })
        }
    }

    @Test func fitAlwaysGivesExactWidthAndTruncateWrapStayWithin() {
        var rng = SeededGenerator(seed: 0xF17_0F17)
        for _ in 0..<1500 {
            let text = Sanitizer.singleLine(Self.randomInput(&rng))
            let width = Int.random(in: 1...30, using: &rng)
            #expect(DisplayWidth.of(DisplayWidth.fit(text, to: width)) == width, "\(text) @ \(width)")
            #expect(DisplayWidth.of(DisplayWidth.truncate(text, to: width)) <= width)
            #expect(DisplayWidth.of(DisplayWidth.truncate(text, to: width, ellipsis: false)) <= width)
            for line in DisplayWidth.wrap(text, width: width) { #expect(DisplayWidth.of(line) <= width) }
        }
    }

    @Test func widthOfStringIsSumOfItsGraphemes() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<1000 {
            let text = Sanitizer.singleLine(Self.randomInput(&rng))
            let sum = text.reduce(0) { $0 + DisplayWidth.of($1) }
            #expect(DisplayWidth.of(text) == sum)
            // Splitting at any grapheme boundary splits the width too.
            if !text.isEmpty {
                let cut = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &rng))
                #expect(DisplayWidth.of(String(text[..<cut])) + DisplayWidth.of(String(text[cut...])) == sum)
            }
        }
    }
}
