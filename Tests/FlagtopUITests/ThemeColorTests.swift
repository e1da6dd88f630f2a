import Testing

@testable import FlagtopUI

/// Colour parsing and depth mapping. Expected indexes were worked out by hand from the xterm palette
/// (cube levels 0,95,135,175,215,255; greys 8+10·i; ANSI 0–15 as in xterm's defaults).
struct ThemeColorTests {
    @Test(arguments: [
        ("default", TerminalColor.default),
        ("black", .indexed(0)), ("red", .indexed(1)), ("white", .indexed(7)),
        ("bright_black", .indexed(8)), ("bright_red", .indexed(9)), ("bright_white", .indexed(15)),
        ("Bright-Cyan", .indexed(14)), ("grey", .indexed(8)), ("GRAY", .indexed(8)),
        ("0", .indexed(0)), ("255", .indexed(255)), (" 42 ", .indexed(42)),
        ("#ff0000", .rgb(red: 255, green: 0, blue: 0)), ("#5FAFFF", .rgb(red: 0x5f, green: 0xaf, blue: 0xff)),
    ])
    func parsesValidColours(text: String, expected: TerminalColor) {
        #expect(TerminalColor(parsing: text) == expected)
    }

    @Test(arguments: [
        "", "256", "-1", "1000", "#fff", "#ff00000", "#gg0000", "#+f0000", "pink", "bright", "12a", "0x10",
    ])
    func rejectsInvalidColours(text: String) {
        #expect(TerminalColor(parsing: text) == nil)
    }

    @Test func integerIndexesMustBeInRange() {
        #expect(TerminalColor(index: 255) == .indexed(255))
        #expect(TerminalColor(index: 256) == nil)
        #expect(TerminalColor(index: -1) == nil)
    }

    @Test func descriptionRoundTrips() {
        for color in [
            TerminalColor.default, .indexed(3), .indexed(12), .indexed(200), .rgb(red: 1, green: 0xab, blue: 0xff),
        ] {
            #expect(TerminalColor(parsing: color.description) == color)
        }
        #expect(TerminalColor.rgb(red: 1, green: 0xab, blue: 0xff).description == "#01abff")
    }

    @Test func paletteValues() {
        #expect(XtermPalette.rgb(ofIndex: 9) == .init(255, 0, 0))
        #expect(XtermPalette.rgb(ofIndex: 16) == .init(0, 0, 0))
        #expect(XtermPalette.rgb(ofIndex: 75) == .init(95, 175, 255))
        #expect(XtermPalette.rgb(ofIndex: 196) == .init(255, 0, 0))
        #expect(XtermPalette.rgb(ofIndex: 231) == .init(255, 255, 255))
        #expect(XtermPalette.rgb(ofIndex: 232) == .init(8, 8, 8))
        #expect(XtermPalette.rgb(ofIndex: 244) == .init(128, 128, 128))
        #expect(XtermPalette.rgb(ofIndex: 255) == .init(238, 238, 238))
    }

    @Test(arguments: [
        (0xff0000, 196), (0x808080, 244), (0x5fafff, 75), (0x000000, 16), (0xffffff, 231),
        (0x080808, 232), (0xeeeeee, 255), (0x767676, 243), (0xd70000, 160), (0x010203, 16),
        (0x7f7f7f, 244), (0x5f5f5f, 59),
    ])
    func hexTo256(hex: Int, expected: Int) {
        #expect(rgb(hex).cursesIndex(for: .c256) == expected)
    }

    @Test(arguments: [
        (TerminalColor.rgb(red: 255, green: 0, blue: 0), 9), (rgb(0x808080), 8), (rgb(0x5fafff), 12),
        (rgb(0xd70000), 1), (.indexed(196), 9), (.indexed(244), 8), (.indexed(255), 7), (.indexed(232), 0),
        (.indexed(21), 4), (.indexed(46), 10), (.indexed(12), 12), (.indexed(0), 0), (rgb(0xa0a0a0), 8),
        (rgb(0xfafafa), 15), (rgb(0xf0f0f0), 7), (rgb(0x7a8088), 8),
    ])
    func to16(color: TerminalColor, expected: Int) {
        #expect(color.cursesIndex(for: .c16) == expected)
    }

    @Test(arguments: [
        (rgb(0xff0000), 1), (TerminalColor.indexed(9), 1), (.indexed(15), 7), (.indexed(12), 4),
        (rgb(0x5fafff), 6), (.indexed(3), 3), (rgb(0x303030), 0), (.indexed(196), 1), (rgb(0x8787af), 7),
        // Greys go to the nearest ANSI grey: by plain distance these three are nearest yellow (#cdcd00).
        (.indexed(8), 7), (rgb(0x808080), 7), (rgb(0x767676), 7),
    ])
    func to8(color: TerminalColor, expected: Int) {
        #expect(color.cursesIndex(for: .c8) == expected)
    }

    @Test func plainDistanceWouldPickYellowForMidGrey() {
        // The reason for the grey rule: verify the premise from the palette itself.
        let grey = XtermPalette.RGB(0x80, 0x80, 0x80)
        #expect(XtermPalette.nearestIndex(to: grey, among: 0...7) == 3)
        #expect(XtermPalette.nearestANSIIndex(to: grey, count: 8) == 7)
    }

    @Test func indexesTheDepthHasAreKept() {
        #expect(TerminalColor.indexed(9).cursesIndex(for: .c256) == 9)
        #expect(TerminalColor.indexed(200).cursesIndex(for: .c256) == 200)
        #expect(TerminalColor.indexed(15).cursesIndex(for: .c16) == 15)
    }

    @Test func defaultAndNoneGiveMinusOne() {
        for depth in ColorDepth.allCases {
            #expect(TerminalColor.default.cursesIndex(for: depth) == -1)
        }
        for color in [TerminalColor.indexed(1), .indexed(200), rgb(0x123456)] {
            #expect(color.cursesIndex(for: .none) == -1)
            #expect(color.nearest(in: .none) == .default)
        }
    }

    @Test func depthFromCursesColorCount() {
        #expect(ColorDepth(colorCount: 0) == .none)
        #expect(ColorDepth(colorCount: 2) == .none)
        #expect(ColorDepth(colorCount: 8) == .c8)
        #expect(ColorDepth(colorCount: 16) == .c16)
        #expect(ColorDepth(colorCount: 88) == .c16)
        #expect(ColorDepth(colorCount: 256) == .c256)
        #expect(ColorDepth(colorCount: 16_777_216) == .c256)
        #expect(ColorDepth(colorCount: 256, hasColors: false) == .none)
    }
}

private func rgb(_ hex: Int) -> TerminalColor {
    .rgb(red: UInt8(hex >> 16 & 0xff), green: UInt8(hex >> 8 & 0xff), blue: UInt8(hex & 0xff))
}
