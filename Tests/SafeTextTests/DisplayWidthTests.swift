#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SafeText

/// Cell widths per grapheme cluster.
struct DisplayWidthTests {
    @Test func asciiIsOneCellPerCharacter() {
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of(" ~") == 2)
    }

    @Test func wideAndFullwidthTakeTwo() {
        #expect(DisplayWidth.of("中文") == 4)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ひらがな") == 8)
        #expect(DisplayWidth.of("ＡＢ") == 4)  // fullwidth Latin
        #expect(DisplayWidth.of("ｱｲ") == 2)  // halfwidth katakana
        #expect(DisplayWidth.of("\u{3000}") == 2)  // ideographic space
        #expect(DisplayWidth.of("𠀀") == 2)  // CJK extension B
        #expect(DisplayWidth.of("a中b") == 4)
    }

    @Test func emojiTakeTwo() {
        #expect(DisplayWidth.of(Character("😀")) == 2)
        #expect(DisplayWidth.of(Character("👨‍👩‍👧‍👦")) == 2)  // ZWJ family
        #expect(DisplayWidth.of(Character("🇯🇵")) == 2)  // flag
        #expect(DisplayWidth.of(Character("👍🏽")) == 2)  // skin tone
        #expect(DisplayWidth.of(Character("❤️")) == 2)  // VS16 on a text-default heart
        #expect(DisplayWidth.of(Character("❤")) == 1)
        #expect(DisplayWidth.of(Character("1️⃣")) == 2)  // keycap
        #expect(DisplayWidth.of(Character("🏳️‍🌈")) == 2)
        #expect(DisplayWidth.of("🇯🇵🇺🇸") == 4)
        #expect(DisplayWidth.of("ok 👍🏽!") == 6)
    }

    @Test func combiningAndZeroWidth() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("é") == 1)
        #expect(DisplayWidth.of("\u{301}") == 0)
        #expect(DisplayWidth.of("\u{25CC}\u{301}") == 1)
        #expect(DisplayWidth.of("\u{200B}") == 0)
        #expect(DisplayWidth.of("Tiếng Việt") == 10)
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)  // conjoining jamo: one wide syllable
        #expect(DisplayWidth.of("कि") == 2)  // the vowel sign is a spacing mark
        #expect(DisplayWidth.of("…") == 1)
    }

    @Test func escapesCountAsTheirText() {
        #expect(DisplayWidth.of(Sanitizer.singleLine("\u{1B}[2J")) == 5)
        #expect(DisplayWidth.of(Sanitizer.singleLine("\u{202E}")) == 8)
    }

    #if canImport(Glibc)
    /// glibc's wcwidth is an independent table: single scalars in stable blocks must agree with it.
    @Test func agreesWithGlibcWcwidthOnStableBlocks() throws {
        try #require(setlocale(LC_ALL, "C.UTF-8") != nil)
        // Glibc's Swift module does not export wcwidth (it needs _XOPEN_SOURCE), so look it up.
        let symbol = try #require(dlsym(dlopen(nil, RTLD_NOW), "wcwidth"))
        let wcwidth = unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        let blocks: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x2FF, 0x300...0x36F, 0x370...0x3FF, 0x400...0x4FF, 0x591...0x5BD,
            0x1100...0x115F, 0x2E80...0x2E99, 0x3041...0x3096, 0x30A0...0x30FF, 0x4E00...0x9FA5,
            0xAC00...0xD7A3, 0xFF01...0xFF60, 0xFF61...0xFFDC, 0x1F600...0x1F64F, 0x20000...0x2A6D6,
        ]
        var mismatches: [String] = []
        for block in blocks {
            for v in block {
                // Skip assigned-only differences outside the scope: soft hyphen and unassigned code points.
                guard v != 0xAD, let scalar = Unicode.Scalar(v), scalar.properties.generalCategory != .unassigned
                else { continue }
                let reference = Int(wcwidth(Int32(v)))
                if reference < 0 { continue }
                let ours = DisplayWidth.of(Character(scalar))
                if ours != reference { mismatches.append("U+\(TextChecks.hex4(v)) ours \(ours) glibc \(reference)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }
    #endif
}
