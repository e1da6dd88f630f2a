import Testing
@testable import SafeText

/// Invalid UTF-8 from Redis becomes the visible text `\xNN`; valid text passes through untouched.
struct RedisBytesTests {
    @Test func validUTF8IsUnchanged() {
        let text = "héllo 中文 😀 👨‍👩‍👧"
        #expect(TextChecks.sameScalars(RedisBytes.decode(Array(text.utf8)), text))
        #expect(RedisBytes.decode([UInt8]()) == "")
    }

    @Test func overlongEncodingsAreEscapedBytewise() {
        #expect(RedisBytes.decode([0xC0, 0xAF]) == "\\xc0\\xaf")  // overlong "/"
        #expect(RedisBytes.decode([0xE0, 0x80, 0xAF]) == "\\xe0\\x80\\xaf")
        #expect(RedisBytes.decode([0xF0, 0x80, 0x80, 0xAF]) == "\\xf0\\x80\\x80\\xaf")
        #expect(RedisBytes.decode([0xC1, 0x9B]) == "\\xc1\\x9b")  // overlong 8-bit CSI
    }

    @Test func surrogatesAndOutOfRangeAreEscaped() {
        #expect(RedisBytes.decode([0xED, 0xA0, 0x80]) == "\\xed\\xa0\\x80")
        #expect(RedisBytes.decode([0xED, 0xBF, 0xBF]) == "\\xed\\xbf\\xbf")
        #expect(RedisBytes.decode([0xF4, 0x90, 0x80, 0x80]) == "\\xf4\\x90\\x80\\x80")
    }

    @Test func truncatedSequencesAreEscaped() {
        #expect(RedisBytes.decode([0xE2, 0x82]) == "\\xe2\\x82")
        #expect(RedisBytes.decode([0x61, 0xE2, 0x82, 0x62]) == "a\\xe2\\x82b")
        #expect(RedisBytes.decode([0x6F, 0x6B, 0xF0, 0x9F, 0x98]) == "ok\\xf0\\x9f\\x98")
        #expect(RedisBytes.decode([0xC3]) == "\\xc3")
    }

    @Test func invalidLeadAndStrayContinuationBytes() {
        #expect(RedisBytes.decode([0xFF]) == "\\xff")
        #expect(RedisBytes.decode([0xFE, 0xFF, 0x41]) == "\\xfe\\xffA")
        #expect(RedisBytes.decode([0x80, 0xBF]) == "\\x80\\xbf")
        #expect(RedisBytes.decode([0x61, 0xFF, 0xC3, 0xA9]) == "a\\xffé")
    }

    @Test func acceptsAnyByteCollection() {
        let bytes: [UInt8] = [0x00, 0x41, 0xFF, 0x42]
        #expect(RedisBytes.decode(bytes[1...]) == "A\\xffB")
        #expect(RedisBytes.decode(bytes[1...]) == RedisBytes.decode(Array(bytes[1...])))
    }

    @Test func decodedBytesThenSanitisedShowEverything() {
        // ESC is valid UTF-8 (so decode keeps it), a lone 0x9B is not; C2 9B is the valid 8-bit CSI.
        #expect(Sanitizer.singleLine(RedisBytes.decode([0x1B, 0x5B, 0x32, 0x4A, 0xFF, 0x9B])) == "\\e[2J\\xff\\x9b")
        #expect(Sanitizer.singleLine(RedisBytes.decode([0xC2, 0x9B, 0x32, 0x4A])) == "\\x9b2J")
        #expect(Sanitizer.singleLine(RedisBytes.decode([0x00, 0xED, 0xA0, 0x80, 0x7F])) == "\\x00\\xed\\xa0\\x80\\x7f")
    }
}
