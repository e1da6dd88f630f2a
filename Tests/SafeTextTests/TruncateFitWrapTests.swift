import Testing
@testable import SafeText

/// Cutting text to cells: never past the width, never splitting a grapheme, columns stay aligned.
struct TruncateFitWrapTests {
    @Test func truncateAscii() {
        #expect(DisplayWidth.truncate("hello world", to: 5) == "hell…")
        #expect(DisplayWidth.truncate("hello world", to: 5, ellipsis: false) == "hello")
        #expect(DisplayWidth.truncate("hello", to: 5) == "hello")
        #expect(DisplayWidth.truncate("hello", to: 1) == "…")
        #expect(DisplayWidth.truncate("hello", to: 0) == "")
        #expect(DisplayWidth.truncate("hello", to: -3) == "")
    }

    @Test func truncateNeverSplitsWideCharacters() {
        #expect(DisplayWidth.truncate("中文字", to: 4) == "中…")
        #expect(DisplayWidth.truncate("中文字", to: 5) == "中文…")
        #expect(DisplayWidth.truncate("中文字", to: 5, ellipsis: false) == "中文")
        #expect(DisplayWidth.truncate("中文字", to: 3, ellipsis: false) == "中")
        #expect(DisplayWidth.truncate("中文字", to: 6) == "中文字")
    }

    @Test func truncateNeverSplitsGraphemes() {
        let family = "👨‍👩‍👧‍👦"
        #expect(DisplayWidth.truncate(family + "abc", to: 2, ellipsis: false) == family)
        #expect(DisplayWidth.truncate(family + "abc", to: 1, ellipsis: false) == "")
        #expect(DisplayWidth.truncate(family + "abc", to: 3) == family + "…")
        let accents = "e\u{301}e\u{301}e\u{301}"
        #expect(TextChecks.sameScalars(DisplayWidth.truncate(accents, to: 2, ellipsis: false), "e\u{301}e\u{301}"))
        #expect(TextChecks.sameScalars(DisplayWidth.truncate(accents, to: 2), "e\u{301}…"))
    }

    @Test func fitPadsToExactWidth() {
        #expect(DisplayWidth.fit("ab", to: 5) == "ab   ")
        #expect(DisplayWidth.fit("中文字", to: 4) == "中… ")
        #expect(DisplayWidth.fit("中文字", to: 6) == "中文字")
        #expect(DisplayWidth.fit("anything", to: 0) == "")
        #expect(DisplayWidth.fit("中", to: 1) == "…")
    }

    @Test func fitWidthIsExactAndKeepsAPrefix() {
        let corpus = [
            "", "a", "hello world", "中文字符串测试", "a中b文c", "👨‍👩‍👧‍👦🇯🇵👍🏽x", "e\u{301}\u{25CC}\u{300}", "कि ति", "ｱＡa",
        ]
        for text in corpus {
            for width in 1...16 {
                let fitted = DisplayWidth.fit(text, to: width)
                #expect(DisplayWidth.of(fitted) == width, "\(text) @ \(width)")
                // Characters counted independently: the fitted text is the input's leading graphemes plus … / spaces.
                var body = Array(fitted)
                while let last = body.last, last == " " || last == "…" { body.removeLast() }
                #expect(Array(text).starts(with: body), "\(text) @ \(width)")
            }
        }
    }

    @Test func wrapBreaksAtSpaces() {
        #expect(DisplayWidth.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(DisplayWidth.wrap("the quick brown fox", width: 5) == ["the", "quick", "brown", "fox"])
        #expect(DisplayWidth.wrap("a  b", width: 10) == ["a  b"])
        #expect(DisplayWidth.wrap("  indented text", width: 10) == ["  indented", "text"])
    }

    @Test func wrapHardWrapsLongWords() {
        #expect(DisplayWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(DisplayWidth.wrap("go supercalifragilistic", width: 6) == ["go", "superc", "alifra", "gilist", "ic"])
        #expect(DisplayWidth.wrap("中文中文中", width: 4) == ["中文", "中文", "中"])
        #expect(DisplayWidth.wrap("中文中文中", width: 3) == ["中", "文", "中", "文", "中"])
    }

    @Test func wrapEdgeCases() {
        #expect(DisplayWidth.wrap("", width: 5) == [""])
        #expect(DisplayWidth.wrap("abc", width: 0) == [])
        #expect(DisplayWidth.wrap("中", width: 1) == ["…"])
        #expect(DisplayWidth.wrap("a\nb c", width: 10) == ["a", "b c"])
        #expect(DisplayWidth.wrap("abc   ", width: 3) == ["abc"])
    }

    @Test func wrapLinesFitAndKeepEveryNonSpaceCharacter() {
        let corpus = [
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit",
            "中文 混合 English words and 한국어 텍스트 with 👨‍👩‍👧‍👦 emoji 🇯🇵 flags",
            "averyveryverylongwordwithoutanyspacesatallthatmustbehardwrapped",
            "e\u{301}e\u{301} kि  x     y",
        ]
        for text in corpus {
            for width in 2...20 {
                let lines = DisplayWidth.wrap(text, width: width)
                for line in lines { #expect(DisplayWidth.of(line) <= width, "\(line) @ \(width)") }
                #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "@ \(width)")
            }
        }
    }
}
