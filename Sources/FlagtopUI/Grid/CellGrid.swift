import SafeText

/// The dashboard's screen as data: `width`×`height` cells, row-major.
///
/// `render(state)` produces one; the ncurses runtime copies it to the terminal cell by cell, and tests
/// compare its `text` with snapshot files. Every piece of text enters through `write(_:x:y:…)`, which
/// sanitises it (`Sanitizer.singleLine`) and measures it per grapheme (`DisplayWidth`), so a string from
/// Redis cannot reach a cell unsanitised.
///
/// Invariants kept by `write`: every cell holds one grapheme or `""` (the right half of the wide
/// character on its left); no cell holds a C0/C1 control, DEL or ESC; neighbouring cells never merge
/// into one grapheme when a line is printed, so each line is exactly `width` cells wide.
///
/// ```swift
/// var grid = CellGrid(width: 20, height: 1)
/// grid.write("killed useNewAlgorithm", x: 0, y: 0, role: .killed)   // "killed useNewAlgor…"
/// ```
public struct CellGrid: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// Row-major cells; read them with `self[x, y]`.
    public private(set) var cells: [Cell]

    /// A grid filled with `fill` (sizes below zero count as zero).
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` at column `x` of row `y`, using at most `maxWidth` cells (and never past the right
    /// edge), cut with `…` when `ellipsis` is true. Returns the number of cells used.
    ///
    /// This is the only way text gets into a grid. Graphemes of width zero are dropped (they would
    /// have no cell of their own) and a wide character that does not fit is replaced by a space.
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, maxWidth: Int? = nil,
        role: ThemeRole = .text, attributes: CellAttributes = [], ellipsis: Bool = true
    ) -> Int {
        guard y >= 0, y < height, x >= 0, x < width else { return 0 }
        let limit = min(maxWidth ?? Int.max, width - x)
        guard limit > 0 else { return 0 }
        let fitted = DisplayWidth.truncate(Sanitizer.singleLine(text), to: limit, ellipsis: ellipsis)
        var column = x
        for character in fitted {
            var grapheme = String(character)
            var cellWidth = DisplayWidth.of(character)
            if cellWidth <= 0 { continue }
            // A grapheme that starts with a combining mark (or any extender) would attach to the cell
            // before it, or to nothing at the start of a line: show it as "?".
            if cellWidth > 2 || Self.containsControl(grapheme) || ("x" + grapheme).count == 1 {
                grapheme = "?"
                cellWidth = 1
            }
            if column + cellWidth > x + limit {
                if column < x + limit { place(" ", at: column, y: y, cellWidth: 1, role: role, attributes: attributes) }
                column += 1
                break
            }
            place(grapheme, at: column, y: y, cellWidth: cellWidth, role: role, attributes: attributes)
            column += cellWidth
        }
        repairGraphemeBoundaries(y: y, from: x, through: min(column, width - 1))
        return column - x
    }

    /// Fills `rect` (clipped to the grid) with spaces in `role`.
    public mutating func fill(_ rect: Rect, role: ThemeRole = .text, attributes: CellAttributes = []) {
        guard rect.width > 0 else { return }
        let blank = String(repeating: " ", count: rect.width)
        for row in rect.y..<rect.maxY {
            write(blank, x: rect.x, y: row, maxWidth: rect.width, role: role, attributes: attributes, ellipsis: false)
        }
    }

    // MARK: - Cell placement

    private mutating func place(_ grapheme: String, at column: Int, y: Int, cellWidth: Int, role: ThemeRole, attributes: CellAttributes) {
        for c in column..<(column + cellWidth) { detach(column: c, y: y) }
        cells[y * width + column] = Cell(text: grapheme, role: role, attributes: attributes)
        if cellWidth == 2 { cells[y * width + column + 1] = Cell(text: "", role: role, attributes: attributes) }
    }

    /// Before overwriting `column`, turns the other half of a wide character that covers it into a space.
    private mutating func detach(column: Int, y: Int) {
        let index = y * width + column
        if cells[index].isContinuation, column > 0 {
            cells[index - 1].text = " "
            cells[index].text = " "
        } else if column + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1].text = " "
        }
    }

    /// Replaces cells that would merge with their neighbour into one grapheme when the line is printed
    /// (a leading combining mark, a lone regional indicator next to another, a prepended mark), so
    /// every line keeps exactly `width` cells.
    private mutating func repairGraphemeBoundaries(y: Int, from start: Int, through end: Int) {
        guard end >= 0 else { return }
        var previous: Int? = nil
        var c = max(0, start - 1)
        while c > 0, cells[y * width + c].isContinuation { c -= 1 }
        while c <= min(end + 1, width - 1) {
            let index = y * width + c
            if !cells[index].isContinuation {
                if let p = previous, (cells[y * width + p].text + cells[index].text).count != 2 {
                    if ("x" + cells[index].text).count == 1 {
                        replaceWithPlaceholder(column: c, y: y)
                    } else {
                        replaceWithPlaceholder(column: p, y: y)
                    }
                }
                previous = c
            }
            c += 1
        }
    }

    private mutating func replaceWithPlaceholder(column: Int, y: Int) {
        let index = y * width + column
        cells[index].text = "?"
        if column + 1 < width, cells[index + 1].isContinuation { cells[index + 1].text = "?" }
    }

    static func containsControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
