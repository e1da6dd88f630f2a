import FlagtopTestSupport
import Testing
@testable import SafeText

/// Invalid UTF-8 from Redis becomes raw-byte markers the sanitiser shows as `\xNN`; valid text passes through
/// untouched, and `encode` gives back exactly the bytes that were read.
struct RedisBytesTests {
    /// What a terminal shows for `bytes`.
    func shown(_ bytes: [UInt8]) -> String { Sanitizer.singleLine(RedisBytes.decode(bytes)) }

    @Test func validUTF8IsUnchanged() {
        let text = "héllo 中文 😀 👨‍👩‍👧"
        #expect(TextChecks.sameScalars(RedisBytes.decode(Array(text.utf8)), text))
        #expect(shown([UInt8]()) == "")
    }

    @Test func overlongEncodingsAreEscapedBytewise() {
        #expect(shown([0xC0, 0xAF]) == "\\xc0\\xaf")  // overlong "/"
        #expect(shown([0xE0, 0x80, 0xAF]) == "\\xe0\\x80\\xaf")
        #expect(shown([0xF0, 0x80, 0x80, 0xAF]) == "\\xf0\\x80\\x80\\xaf")
        #expect(shown([0xC1, 0x9B]) == "\\xc1\\x9b")  // overlong 8-bit CSI
    }

    @Test func surrogatesAndOutOfRangeAreEscaped() {
        #expect(shown([0xED, 0xA0, 0x80]) == "\\xed\\xa0\\x80")
        #expect(shown([0xED, 0xBF, 0xBF]) == "\\xed\\xbf\\xbf")
        #expect(shown([0xF4, 0x90, 0x80, 0x80]) == "\\xf4\\x90\\x80\\x80")
    }

    @Test func truncatedSequencesAreEscaped() {
        #expect(shown([0xE2, 0x82]) == "\\xe2\\x82")
        #expect(shown([0x61, 0xE2, 0x82, 0x62]) == "a\\xe2\\x82b")
        #expect(shown([0x6F, 0x6B, 0xF0, 0x9F, 0x98]) == "ok\\xf0\\x9f\\x98")
        #expect(shown([0xC3]) == "\\xc3")
    }

    @Test func invalidLeadAndStrayContinuationBytes() {
        #expect(shown([0xFF]) == "\\xff")
        #expect(shown([0xFE, 0xFF, 0x41]) == "\\xfe\\xffA")
        #expect(shown([0x80, 0xBF]) == "\\x80\\xbf")
        #expect(shown([0x61, 0xFF, 0xC3, 0xA9]) == "a\\xffé")
    }

    @Test func acceptsAnyByteCollection() {
        let bytes: [UInt8] = [0x00, 0x41, 0xFF, 0x42]
        #expect(shown(Array(bytes[1...])) == "A\\xffB")
        #expect(RedisBytes.decode(bytes[1...]) == RedisBytes.decode(Array(bytes[1...])))
    }

    @Test func decodedBytesThenSanitisedShowEverything() {
        // ESC is valid UTF-8 (so decode keeps it), a lone 0x9B is not; C2 9B is the valid 8-bit CSI.
        #expect(Sanitizer.singleLine(RedisBytes.decode([0x1B, 0x5B, 0x32, 0x4A, 0xFF, 0x9B])) == "\\e[2J\\xff\\x9b")
        #expect(Sanitizer.singleLine(RedisBytes.decode([0xC2, 0x9B, 0x32, 0x4A])) == "\\x9b2J")
        #expect(Sanitizer.singleLine(RedisBytes.decode([0x00, 0xED, 0xA0, 0x80, 0x7F])) == "\\x00\\xed\\xa0\\x80\\x7f")
    }

    @Test func decodeThenEncodeGivesBackEveryByte() {
        var rng = SeededGenerator(seed: 0xB17E5)
        let cases: [[UInt8]] = [[0xFF], Array("bad".utf8) + [0xFF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x8F, 0xBC, 0x80, 0x41],
                                Array("\\xff".utf8), [0xC2, 0x9B], [0xED, 0xA0, 0x80], Array("名前 🚀".utf8)]
        for bytes in cases { #expect(RedisBytes.encode(RedisBytes.decode(bytes)) == bytes, "\(bytes)") }
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(RedisBytes.encode(RedisBytes.decode(bytes)) == bytes, "\(bytes)")
        }
    }

    @Test func aRawByteAndTheLiteralTextOfItsEscapeLookDifferent() {
        #expect(shown([0xFF]) == "\\xff")
        #expect(shown(Array("\\xff".utf8)) == "\\\\xff")
        // A genuine U+10FFFF (valid UTF-8) is kept apart from the marker of byte 0xFF.
        #expect(RedisBytes.decode([0xF4, 0x8F, 0xBF, 0xBF]) != RedisBytes.decode([0xFF]))
        #expect(RedisBytes.encode("plain") == Array("plain".utf8))
    }
}
