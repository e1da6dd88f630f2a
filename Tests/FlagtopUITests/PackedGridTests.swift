import FlagtopTestSupport
import SafeText
import Testing
@testable import FlagtopUI

/// The packed cell storage and the plain-text fast path of `CellGrid.write`, checked against
/// SafeText's own truncation and against grids built the slow way.
@Suite struct PackedGridTests {
    static let plainPieces = ["a", "Z", " ", "─", "━", "┃", "…", "·", "—", "é", "→", "█", "▁", "~", "0", "%"]

    @Test func plainTextIsCutLikeDisplayWidthTruncate() {
        var rng = SeededGenerator(seed: 77)
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in Self.plainPieces.randomElement(using: &rng)! }.joined()
            let width = Int.random(in: 1...24, using: &rng)
            let x = Int.random(in: 0..<width, using: &rng)
            let maxWidth: Int? = Bool.random(using: &rng) ? Int.random(in: 1...30, using: &rng) : nil
            let ellipsis = Bool.random(using: &rng)
            var grid = CellGrid(width: width, height: 1)
            let used = grid.write(text, x: x, y: 0, maxWidth: maxWidth, ellipsis: ellipsis)
            let fitted = DisplayWidth.truncate(Sanitizer.singleLine(text), to: min(maxWidth ?? Int.max, width - x), ellipsis: ellipsis)
            let expected = String(repeating: " ", count: x) + fitted + String(repeating: " ", count: width - x - DisplayWidth.of(fitted))
            #expect(grid.lines[0] == expected, "\(text) w\(width) x\(x) max\(String(describing: maxWidth)) \(ellipsis)")
            #expect(used == DisplayWidth.of(fitted))
        }
    }

    @Test func plainTextOverWideCharactersLeavesNoHalves() {
        var grid = CellGrid(width: 8, height: 1)
        grid.write("漢字漢字", x: 0, y: 0)
        grid.write("─", x: 1, y: 0)  // right half of 漢
        grid.write("…", x: 4, y: 0)  // left half of the second 漢: its right half becomes a space
        #expect(grid.lines[0] == " ─字… 字")
        #expect(grid[6, 0].text == "字" && grid[7, 0].isContinuation)
    }

    @Test func aPlainRunStopsBeforeACombiningMarkPastTheCut() {
        // The mark belongs to the grapheme after the cut, so the shown part stays plain.
        var grid = CellGrid(width: 4, height: 1)
        grid.write("abcde\u{301}", x: 0, y: 0)
        #expect(grid.lines[0] == "abc…")
        var mark = CellGrid(width: 8, height: 1)
        mark.write("abce\u{301}", x: 0, y: 0)
        #expect(mark[3, 0].text == "e\u{301}")
    }

    @Test func gridsShowingTheSameCellsAreEqualHoweverBuilt() {
        var a = CellGrid(width: 10, height: 2)
        a.write("x👨‍👩‍👧y", x: 0, y: 0, role: .error)
        a.write("zzz", x: 0, y: 1)
        a.write("ab", x: 0, y: 1)
        var b = CellGrid(width: 10, height: 2)
        b.write("👨‍👩‍👧", x: 0, y: 1)  // a cluster that is overwritten below: its table entry stays behind
        b.write("abz", x: 0, y: 1)
        b.write("x👨‍👩‍👧y", x: 0, y: 0, role: .error)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.rowEquals(0, in: b) && a.rowEquals(1, in: b))
        var c = b
        c.write("q", x: 9, y: 1)
        #expect(a != c)
        #expect(a.rowEquals(0, in: c) && !a.rowEquals(1, in: c))
        var d = b
        d.write("x", x: 0, y: 0, role: .warning)  // same text, other role
        #expect(a != d)
    }

    @Test func runsCarryEachCellsScalarsOnce() {
        var grid = CellGrid(width: 12, height: 1)
        grid.write("ab", x: 0, y: 0, role: .title)
        grid.write("漢👍🏽c", x: 2, y: 0, role: .title)
        grid.write("d", x: 7, y: 0, role: .error)
        var scalars: [UInt32] = []
        let end = grid.appendRun(y: 0, from: 0, before: 12, to: &scalars)
        #expect(end == 7)
        #expect(String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))) == "ab漢👍🏽c")
        scalars.removeAll()
        #expect(grid.appendRun(y: 0, from: 7, before: 12, to: &scalars) == 8)
        #expect(scalars == [UInt32(UInt8(ascii: "d"))])
        #expect(grid.style(x: 7, y: 0).role == .error)
    }

    @Test func roleOrdinalsFollowAllCases() {
        #expect(ThemeRole.allCases.map(\.ordinal) == Array(ThemeRole.allCases.indices))
    }
}
