import Testing
@testable import FlagtopUI

@Suite struct HelperTests {
    @Test func fingerprintQueryTokenizesLikeTheIndexer() {
        #expect(FingerprintQuery.make("John") == "@fingerPrint:john")
        #expect(FingerprintQuery.make("John S") == "@fingerPrint:(john s)")
        #expect(FingerprintQuery.make("o'brien-smith") == "@fingerPrint:(o brien smith)")
        #expect(FingerprintQuery.make("x) | @toggleName:(y") == "@fingerPrint:(x togglename y)")
        #expect(FingerprintQuery.make(" ,;-") == nil)
        #expect(FingerprintQuery.make("Jürgen_2") == "@fingerPrint:jürgen_2")
    }

    @Test func formatting() {
        #expect(Format.decimal(0.25) == "0.25")
        #expect(Format.decimal(2) == "2")
        #expect(Format.decimal(0.425, places: 1) == "0.4")
        #expect(Format.decimal(-1.5) == "-1.5")
        #expect(Format.duration(0.3) == "<1s")
        #expect(Format.duration(42) == "42s")
        #expect(Format.duration(185) == "3m05s")
        #expect(Format.duration(7620) == "2h07m")
        #expect(Format.duration(.infinity) == "?")
        #expect(Format.millis(0.42) == "0.42 ms")
        #expect(Format.millis(123.4) == "123 ms")
    }

    @Test func sparklineScalesToTheLargestBucket() {
        #expect(Sparkline.render([0, 1, 2, 4, 8], width: 5) == " ▁▂▄█")
        #expect(Sparkline.render([0, 0], width: 5) == "  ")
        #expect(Sparkline.render([1, 2, 3, 8], width: 2) == "▃█")
        #expect(Sparkline.render([5], width: 0) == "")
    }

    @Test func wrappingBreaksAtSpacesAndNewlines() {
        #expect(TextMeasure.wrap("alpha beta gamma", width: 11) == ["alpha beta", "gamma"])
        #expect(TextMeasure.wrap("abcdefgh", width: 3) == ["abc", "def", "gh"])
        #expect(TextMeasure.wrap("a\nb\r\nc\td", width: 10) == ["a", "b", "c    d"])
        #expect(TextMeasure.wrap("漢字漢字", width: 5) == ["漢字", "漢字"])
    }

    @Test func cursorClampingKeepsTheSelectionVisible() {
        #expect(PaneCursor(selected: 10, scroll: 0).clamped(count: 20, page: 5) == PaneCursor(selected: 10, scroll: 6))
        #expect(PaneCursor(selected: 2, scroll: 8).clamped(count: 20, page: 5) == PaneCursor(selected: 2, scroll: 2))
        #expect(PaneCursor(selected: 99, scroll: 99).clamped(count: 3, page: 5) == PaneCursor(selected: 2, scroll: 0))
        #expect(PaneCursor(selected: 5, scroll: 5).clamped(count: 0, page: 5) == PaneCursor())
    }

    @Test func refreshIntervalSteps() {
        #expect(RefreshInterval.longer(than: 2) == 3)
        #expect(RefreshInterval.longer(than: 60) == 60)
        #expect(RefreshInterval.shorter(than: 0.25) == 0.25)
        #expect(RefreshInterval.shorter(than: 4) == 3)
        #expect(RefreshInterval.clamp(1000) == 60)
        #expect(RefreshInterval.clamp(.nan) == 2)
    }
}
