import Testing
@testable import SafeText

/// Reordering and invisible characters are shown as `\u{XXXX}`; legitimate joiners and marks keep text intact.
struct BidiAndInvisibleTests {
    @Test func bidiControlsAreEscaped() {
        #expect(Sanitizer.singleLine("abc\u{202E}fed") == "abc\\u{202E}fed")
        #expect(Sanitizer.singleLine("x\u{2066}y\u{2069}") == "x\\u{2066}y\\u{2069}")
        #expect(Sanitizer.singleLine("\u{200E}\u{200F}\u{061C}") == "\\u{200E}\\u{200F}\\u{061C}")
        let all: [UInt32] = [
            0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
        ]
        for v in all {
            let out = Sanitizer.singleLine("a" + String(Character(Unicode.Scalar(v)!)) + "b")
            #expect(out == "a\\u{" + TextChecks.hex4(v) + "}b")
        }
    }

    @Test func trojanSourceStyleCommentIsNeutralised() {
        let text = "isAdmin\u{202E} \u{2066}// check\u{2069} \u{2066}"
        let out = Sanitizer.singleLine(text)
        #expect(TextChecks.forbiddenScalars(in: out).isEmpty)
        #expect(out == "isAdmin\\u{202E} \\u{2066}// check\\u{2069} \\u{2066}")
    }

    @Test func invisibleFormatCharactersAreEscaped() {
        #expect(Sanitizer.singleLine("pay\u{200B}pal") == "pay\\u{200B}pal")
        #expect(Sanitizer.singleLine("a\u{2060}b\u{FEFF}c") == "a\\u{2060}b\\u{FEFF}c")
        #expect(Sanitizer.singleLine("soft\u{AD}hyphen") == "soft\\u{00AD}hyphen")
        #expect(Sanitizer.singleLine("\u{3164}") == "\\u{3164}")  // Hangul filler: blank but wide
    }

    @Test func lineAndParagraphSeparatorsAreEscaped() {
        #expect(Sanitizer.singleLine("a\u{2028}b\u{2029}c") == "a\\u{2028}b\\u{2029}c")
        #expect(Sanitizer.multiLine("a\u{2028}b") == ["a\\u{2028}b"])
    }

    @Test func emojiZwjSequencesStayIntact() {
        let samples = ["👨‍👩‍👧‍👦", "🏳️‍🌈", "👩🏽‍💻", "🧑‍🤝‍🧑", "❤️‍🔥"]
        for emoji in samples {
            #expect(TextChecks.sameScalars(Sanitizer.singleLine("x " + emoji + " y"), "x " + emoji + " y"))
            #expect(Sanitizer.singleLine(emoji).count == 1)
        }
    }

    @Test func joinersInScriptsThatNeedThemStay() {
        let persian = "می\u{200C}خواهم"
        #expect(TextChecks.sameScalars(Sanitizer.singleLine(persian), persian))
        let devanagari = "क्\u{200D}ष"
        #expect(TextChecks.sameScalars(Sanitizer.singleLine(devanagari), devanagari))
    }

    @Test func joinersHidingInAsciiAreEscaped() {
        #expect(Sanitizer.singleLine("adm\u{200D}in") == "adm\\u{200D}in")
        #expect(Sanitizer.singleLine("adm\u{200C}in") == "adm\\u{200C}in")
        #expect(Sanitizer.singleLine("\u{200D}😀") == "\\u{200D}😀")
        #expect(Sanitizer.singleLine("😀\u{200D}") == "😀\\u{200D}")
    }

    @Test func tagCharactersOnlyInsideSubdivisionFlags() {
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
        #expect(TextChecks.sameScalars(Sanitizer.singleLine(england), england))
        #expect(Sanitizer.singleLine("ok\u{E0041}\u{E0042}") == "ok\\u{E0041}\\u{E0042}")
    }

    @Test func loneCombiningMarkAtCellStartGetsDottedCircle() {
        #expect(TextChecks.sameScalars(Sanitizer.singleLine("\u{301}abc"), "\u{25CC}\u{301}abc"))
        #expect(TextChecks.sameScalars(Sanitizer.singleLine("\u{1B}\u{301}"), "\\e\u{25CC}\u{301}"))
        #expect(TextChecks.sameScalars(Sanitizer.singleLine("\u{FE0F}"), "\u{25CC}\u{FE0F}"))
        #expect(Sanitizer.multiLine("a\n\u{300}b").map { $0.unicodeScalars.first } == ["a", "\u{25CC}"])
    }

    @Test func marksWithABaseAreKept() {
        for text in ["e\u{301}", "Tiếng Việt", "שָׁלוֹם", "कि", "1\u{FE0F}\u{20E3}"] {
            #expect(TextChecks.sameScalars(Sanitizer.singleLine(text), text))
        }
    }

    @Test func stackedMarksBeyondFourAreEscaped() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 7)
        let expected = "a" + String(repeating: "\u{301}", count: 4) + String(repeating: "\\u{0301}", count: 3)
        #expect(TextChecks.sameScalars(Sanitizer.singleLine(zalgo), expected))
        // The count starts over on the next base.
        let two = "a\u{301}\u{301}\u{301}b\u{301}\u{301}\u{301}"
        #expect(TextChecks.sameScalars(Sanitizer.singleLine(two), two))
    }
}
