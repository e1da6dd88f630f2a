import SafeText
import Testing
@testable import FlagtopUI

@Suite struct CellGridTests {
    /// Every line is `width` cells as the terminal measures it, and no cell carries a control.
    static func checkInvariants(_ grid: CellGrid, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(grid.lines.count == grid.height, sourceLocation: sourceLocation)
        for (y, line) in grid.lines.enumerated() {
            #expect(DisplayWidth.of(line) == grid.width, "row \(y): \(line)", sourceLocation: sourceLocation)
        }
        for cell in grid.cells {
            #expect(cell.text.count <= 1, "cell \(cell.text.unicodeScalars.map { $0.value })", sourceLocation: sourceLocation)
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, sourceLocation: sourceLocation)
        }
    }

    @Test func newGridIsBlankAndSized() {
        let grid = CellGrid(width: 7, height: 3)
        #expect(grid.lines == ["       ", "       ", "       "])
        #expect(CellGrid(width: -3, height: -1).cells.isEmpty)
    }

    @Test func writeTruncatesWithEllipsisAndReportsWidth() {
        var grid = CellGrid(width: 10, height: 1)
        let used = grid.write("killed useNewAlgorithm", x: 1, y: 0, maxWidth: 8, role: .killed)
        #expect(used == 8)
        #expect(grid.lines[0] == " killed … ")
        #expect(grid[1, 0].role == .killed)
        #expect(grid[0, 0].role == .text)
    }

    @Test func writeOutsideTheGridDoesNothing() {
        var grid = CellGrid(width: 4, height: 2)
        #expect(grid.write("x", x: 4, y: 0) == 0)
        #expect(grid.write("x", x: 0, y: 2) == 0)
        #expect(grid.write("x", x: -1, y: 0) == 0)
        #expect(grid.write("x", x: 0, y: 0, maxWidth: 0) == 0)
        #expect(grid.text == "    \n    ")
    }

    @Test func escapeSequencesBecomeVisibleText() {
        var grid = CellGrid(width: 30, height: 1)
        grid.write("\u{1b}]52;c;aGk=\u{07}x", x: 0, y: 0)
        Self.checkInvariants(grid)
        #expect(!grid.lines[0].unicodeScalars.contains("\u{1b}"))
        #expect(grid.lines[0].hasPrefix("\\e]52;c;aGk="))
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("漢字x", x: 0, y: 0)
        #expect(grid[0, 0].text == "漢")
        #expect(grid[1, 0].text == "")
        #expect(grid[2, 0].text == "字")
        #expect(grid[4, 0].text == "x")
        Self.checkInvariants(grid)
    }

    @Test func aWideCharacterThatDoesNotFitBecomesEllipsisOrSpace() {
        var grid = CellGrid(width: 3, height: 1)
        grid.write("漢字", x: 0, y: 0)
        #expect(grid.lines[0] == "漢…")
        Self.checkInvariants(grid)
        var edge = CellGrid(width: 3, height: 1)
        edge.write("字", x: 2, y: 0, ellipsis: false)
        #expect(edge.lines[0] == "   ")
        Self.checkInvariants(edge)
    }

    @Test func overwritingHalfAWideCharacterLeavesNoOrphan() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("漢字漢", x: 0, y: 0)
        grid.write("a", x: 1, y: 0)  // right half of 漢
        grid.write("b", x: 2, y: 0)  // left half of 字
        #expect(grid.lines[0] == " ab 漢")
        Self.checkInvariants(grid)
    }

    @Test func neighbouringCellsNeverMergeIntoOneGrapheme() {
        var grid = CellGrid(width: 12, height: 1)
        grid.write("a", x: 0, y: 0)
        grid.write("\u{301}b", x: 1, y: 0)  // a lone combining accent after "a"
        grid.write("🇺", x: 4, y: 0)
        grid.write("🇸", x: 6, y: 0)
        Self.checkInvariants(grid)
        var regional = CellGrid(width: 12, height: 1)
        regional.write("🇺", x: 0, y: 0)
        regional.write("🇸", x: 2, y: 0)  // would print as one flag
        Self.checkInvariants(regional)
    }

    @Test func fillUsesTheRole() {
        var grid = CellGrid(width: 4, height: 2)
        grid.fill(Rect(x: 1, y: 1, width: 2, height: 1), role: .selection)
        #expect(grid.roleLines == ["....", ".SS."])
    }

    @Test func spansAreWrittenInOrderWithinTheWidth() {
        var grid = CellGrid(width: 8, height: 1)
        let used = grid.write([Span("ab", .on), Span("cdefgh", .off)], x: 0, y: 0, maxWidth: 6)
        #expect(used == 6)
        #expect(grid.lines[0] == "abcde…  ")
        #expect(grid.roleLines[0] == "ooffff..")
    }
}
