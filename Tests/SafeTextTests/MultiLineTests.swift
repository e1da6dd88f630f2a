import Testing
@testable import SafeText

/// Detail views: real line breaks are kept, tabs expanded, everything else escaped as in one-line cells.
struct MultiLineTests {
    @Test func splitsOnNewlineAndCRLF() {
        #expect(Sanitizer.multiLine("a\nb") == ["a", "b"])
        #expect(Sanitizer.multiLine("a\r\nb\r\n") == ["a", "b", ""])
        #expect(Sanitizer.multiLine("") == [""])
        #expect(Sanitizer.multiLine("\n\n") == ["", "", ""])
    }

    @Test func loneCarriageReturnIsVisible() {
        #expect(Sanitizer.multiLine("safe\rEVIL") == ["safe\\rEVIL"])
        #expect(Sanitizer.multiLine("a\r\r\nb") == ["a\\r", "b"])
        #expect(Sanitizer.multiLine("end\r") == ["end\\r"])
    }

    @Test func tabsExpandToMultiplesOfFourColumns() {
        #expect(Sanitizer.multiLine("\tx") == ["    x"])
        #expect(Sanitizer.multiLine("ab\tc") == ["ab  c"])
        #expect(Sanitizer.multiLine("abcd\te") == ["abcd    e"])
        #expect(Sanitizer.multiLine("a\t\tb") == ["a       b"])
        #expect(Sanitizer.multiLine("中\tx") == ["中  x"])  // the wide character took two columns
        #expect(Sanitizer.multiLine("\u{1B}\tx") == ["\\e  x"])  // the escape took two columns
    }

    @Test func linesAreSanitisedLikeSingleLine() {
        let text = "Traceback:\n  at \u{1B}[31mfoo\u{1B}[0m\n\u{202E}gnirts\n\u{9B}2J"
        #expect(Sanitizer.multiLine(text) == ["Traceback:", "  at \\e[31mfoo\\e[0m", "\\u{202E}gnirts", "\\x9b2J"])
        for line in Sanitizer.multiLine(text) { #expect(TextChecks.forbiddenScalars(in: line).isEmpty) }
    }

    @Test func newlineInsideSingleLineCellsIsEscapedNotSplit() {
        #expect(Sanitizer.singleLine("a\r\nb") == "a\\r\\nb")
    }
}
