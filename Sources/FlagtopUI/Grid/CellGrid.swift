import SafeText

/// The dashboard's screen as data: `width`×`height` cells, row-major.
///
/// `render(state)` produces one; the ncurses runtime copies it to the terminal, and tests compare its
/// `text` with snapshot files. Every piece of text enters through `write(_:x:y:…)`, which sanitises it
/// (`Sanitizer.singleLine`) and measures it per grapheme (`DisplayWidth`), so a string from Redis cannot
/// reach a cell unsanitised. Text made of `PlainScalar`s only (most of a screen) skips both: it is
/// already safe and one cell per scalar.
///
/// Invariants kept by `write`: every cell holds one grapheme or `""` (the right half of the wide
/// character on its left); no cell holds a C0/C1 control, DEL or ESC; neighbouring cells never merge
/// into one grapheme when a line is printed, so each line is exactly `width` cells wide.
///
/// Cells are stored packed (`PackedCell`: a scalar, role and attributes), so building, comparing and
/// drawing a grid costs no String work; `self[x, y]` builds a `Cell` value on demand.
///
/// ```swift
/// var grid = CellGrid(width: 20, height: 1)
/// grid.write("killed useNewAlgorithm", x: 0, y: 0, role: .killed)   // "killed useNewAlgor…"
/// ```
public struct CellGrid: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells.
    private(set) var storage: [PackedCell]
    /// The text of cluster cells, indexed by their glyph (entries of overwritten cells stay until the grid goes).
    private(set) var clusters: [String] = []

    /// A grid filled with `fill` (sizes below zero count as zero).
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        let glyph = PackedCell.glyph(for: fill.text, clusters: &clusters)
        storage = Array(repeating: PackedCell(glyph: glyph, role: fill.role, attributes: fill.attributes), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cell(at: y * width + x)
    }

    /// Every cell, row-major, as `Cell` values (builds each one's text: for tests and dumps).
    public var cells: [Cell] { storage.indices.map(cell(at:)) }

    func cell(at index: Int) -> Cell {
        let packed = storage[index]
        return Cell(text: text(of: packed.glyph), role: packed.role, attributes: packed.attributes)
    }

    /// The text a glyph stands for.
    func text(of glyph: UInt32) -> String {
        if glyph == PackedCell.continuation { return "" }
        if glyph & PackedCell.clusterFlag != 0 { return clusters[Int(glyph & ~PackedCell.clusterFlag)] }
        return String(Character(Unicode.Scalar(glyph)!))
    }

    /// Writes `text` at column `x` of row `y`, using at most `maxWidth` cells (and never past the right
    /// edge), cut with `…` when `ellipsis` is true. Returns the number of cells used.
    ///
    /// This is the only way text gets into a grid. Graphemes of width zero are dropped (they would
    /// have no cell of their own) and a wide character that does not fit is replaced by a space.
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, maxWidth: Int? = nil,
        role: ThemeRole = .text, attributes: CellAttributes = [], ellipsis: Bool = true, sanitized: Bool = false
    ) -> Int {
        guard y >= 0, y < height, x >= 0, x < width else { return 0 }
        let limit = min(maxWidth ?? Int.max, width - x)
        guard limit > 0 else { return 0 }
        let end = writePlain(text, x: x, y: y, limit: limit, role: role, attributes: attributes, ellipsis: ellipsis)
            ?? writeGeneral(text, x: x, y: y, limit: limit, role: role, attributes: attributes, ellipsis: ellipsis, sanitized: sanitized)
        repairGraphemeBoundaries(y: y, from: x, through: min(end, width - 1))
        return end - x
    }

    /// Fills `rect` (clipped to the grid) with spaces in `role`.
    public mutating func fill(_ rect: Rect, role: ThemeRole = .text, attributes: CellAttributes = []) {
        guard rect.width > 0 else { return }
        let blank = String(repeating: " ", count: rect.width)
        for row in rect.y..<rect.maxY {
            write(blank, x: rect.x, y: row, maxWidth: rect.width, role: role, attributes: attributes, ellipsis: false)
        }
    }

    // MARK: - Writing

    /// Text whose first `limit + 1` scalars are plain: they are already sanitised and each is one cell
    /// and one grapheme, so they go straight to cells, cut as `DisplayWidth.truncate` cuts. (What comes
    /// after them cannot change how they show.) Returns the column after the text, or nil for other text.
    private mutating func writePlain(
        _ text: String, x: Int, y: Int, limit: Int, role: ThemeRole, attributes: CellAttributes, ellipsis: Bool
    ) -> Int? {
        var count = 0
        for scalar in text.unicodeScalars {
            guard PlainScalar.contains(scalar.value) else { return nil }
            count += 1
            if count > limit { break }
        }
        let cut = count > limit
        let shown = cut && ellipsis ? limit - 1 : min(count, limit)
        var column = x
        if shown > 0 {
            for scalar in text.unicodeScalars {
                place(scalar.value, at: column, y: y, role: role, attributes: attributes)
                column += 1
                if column - x == shown { break }
            }
        }
        if cut && ellipsis {
            place(PackedCell.ellipsis, at: column, y: y, role: role, attributes: attributes)
            column += 1
        }
        return column
    }

    /// Any text: sanitised, cut to `limit` cells, then placed grapheme by grapheme.
    private mutating func writeGeneral(
        _ text: String, x: Int, y: Int, limit: Int, role: ThemeRole, attributes: CellAttributes, ellipsis: Bool, sanitized: Bool
    ) -> Int {
        // Already-sanitised text (names) is not sanitised again: that would double its escapes' backslashes.
        let fitted = DisplayWidth.truncate(sanitized ? text : Sanitizer.singleLine(text), to: limit, ellipsis: ellipsis)
        var column = x
        for character in fitted {
            var glyph: UInt32
            var cellWidth: Int
            var scalars = character.unicodeScalars.makeIterator()
            let first = scalars.next()?.value ?? 0
            if scalars.next() == nil, PlainScalar.contains(first) {
                glyph = first
                cellWidth = 1
            } else {
                cellWidth = DisplayWidth.of(character)
                if cellWidth <= 0 { continue }
                let grapheme = String(character)
                // A grapheme that starts with a combining mark (or any extender) would attach to the cell
                // before it, or to nothing at the start of a line: show it as "?".
                if cellWidth > 2 || Self.containsControl(grapheme) || Self.extendsPrevious(grapheme) {
                    glyph = PackedCell.placeholder
                    cellWidth = 1
                } else {
                    glyph = PackedCell.glyph(for: grapheme, clusters: &clusters)
                }
            }
            if column + cellWidth > x + limit {
                if column < x + limit { place(PackedCell.space, at: column, y: y, role: role, attributes: attributes) }
                column += 1
                break
            }
            if cellWidth == 2 {
                detach(column: column, y: y)
                detach(column: column + 1, y: y)
                storage[y * width + column] = PackedCell(glyph: glyph, role: role, attributes: attributes)
                storage[y * width + column + 1] = PackedCell(glyph: PackedCell.continuation, role: role, attributes: attributes)
            } else {
                place(glyph, at: column, y: y, role: role, attributes: attributes)
            }
            column += cellWidth
        }
        return column
    }

    // MARK: - Cell placement

    /// Puts one glyph in one cell, first breaking up any wide character the cell was part of.
    @inline(__always)
    private mutating func place(_ glyph: UInt32, at column: Int, y: Int, role: ThemeRole, attributes: CellAttributes) {
        detach(column: column, y: y)
        storage[y * width + column] = PackedCell(glyph: glyph, role: role, attributes: attributes)
    }

    /// Before overwriting `column`, turns the other half of a wide character that covers it into a space.
    private mutating func detach(column: Int, y: Int) {
        let index = y * width + column
        if storage[index].isContinuation, column > 0 {
            storage[index - 1].glyph = PackedCell.space
            storage[index].glyph = PackedCell.space
        } else if column + 1 < width, storage[index + 1].isContinuation {
            storage[index + 1].glyph = PackedCell.space
        }
    }

    /// Replaces cells that would merge with their neighbour into one grapheme when the line is printed
    /// (a leading combining mark, a lone regional indicator next to another, a prepended mark), so
    /// every line keeps exactly `width` cells. Two plain neighbours never merge, so only pairs with
    /// another kind of cell are checked.
    private mutating func repairGraphemeBoundaries(y: Int, from start: Int, through end: Int) {
        guard end >= 0 else { return }
        let row = y * width
        var previous: Int? = nil
        var c = max(0, start - 1)
        while c > 0, storage[row + c].isContinuation { c -= 1 }
        while c <= min(end + 1, width - 1) {
            let cell = storage[row + c]
            if !cell.isContinuation {
                if let p = previous, !(storage[row + p].isPlain && cell.isPlain),
                    (text(of: storage[row + p].glyph) + text(of: cell.glyph)).count != 2 {
                    if Self.extendsPrevious(text(of: cell.glyph)) {
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
        storage[index].glyph = PackedCell.placeholder
        if column + 1 < width, storage[index + 1].isContinuation { storage[index + 1].glyph = PackedCell.placeholder }
    }

    /// True when `grapheme` would join whatever is printed before it.
    static func extendsPrevious(_ grapheme: String) -> Bool {
        ("x" + grapheme).count == 1
    }

    static func containsControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
