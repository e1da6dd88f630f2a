/// Equality, hashing and the cell-level reads the terminal runtime draws from, all without
/// building a String per cell.
extension CellGrid: Hashable {
    /// Two grids are equal when they have the same size and every cell shows the same scalars in the
    /// same role and attributes.
    public static func == (a: CellGrid, b: CellGrid) -> Bool {
        guard a.width == b.width, a.height == b.height else { return false }
        for i in a.storage.indices where !a.sameCell(i, as: b) { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        for cell in storage {
            hasher.combine(cell.role)
            hasher.combine(cell.attributes)
            if cell.isCluster {
                for scalar in text(of: cell.glyph).unicodeScalars { hasher.combine(scalar.value) }
            } else {
                hasher.combine(cell.glyph)
            }
        }
    }

    /// True when row `y` shows the same in `other` (a grid of the same width).
    public func rowEquals(_ y: Int, in other: CellGrid) -> Bool {
        guard width == other.width, y >= 0, y < height, y < other.height else { return false }
        for i in (y * width)..<((y + 1) * width) where !sameCell(i, as: other) { return false }
        return true
    }

    /// The role and attributes of the cell at `x`, `y`.
    public func style(x: Int, y: Int) -> (role: ThemeRole, attributes: CellAttributes) {
        let cell = storage[y * width + x]
        return (cell.role, cell.attributes)
    }

    /// Appends to `scalars` what the cells from column `x` of row `y` show, as long as they have the
    /// style of cell `x` and come before column `end`; returns the column after them. The runtime draws
    /// a row as such runs, one terminal call each.
    public func appendRun(y: Int, from x: Int, before end: Int, to scalars: inout [UInt32]) -> Int {
        let row = y * width
        let first = storage[row + x]
        var column = x
        while column < end {
            let cell = storage[row + column]
            guard cell.role == first.role, cell.attributes == first.attributes else { break }
            if cell.isCluster {
                for scalar in clusters[Int(cell.glyph & ~PackedCell.clusterFlag)].unicodeScalars { scalars.append(scalar.value) }
            } else if !cell.isContinuation {
                scalars.append(cell.glyph)
            }
            column += 1
        }
        return column
    }

    /// Calls `body` with each scalar the cell at `x`, `y` shows (none for the right half of a wide character).
    public func forEachScalar(x: Int, y: Int, _ body: (Unicode.Scalar) -> Void) {
        let glyph = storage[y * width + x].glyph
        if glyph == PackedCell.continuation { return }
        if glyph & PackedCell.clusterFlag != 0 {
            for scalar in clusters[Int(glyph & ~PackedCell.clusterFlag)].unicodeScalars { body(scalar) }
        } else if let scalar = Unicode.Scalar(glyph) {
            body(scalar)
        }
    }

    /// Cell `i` of both grids shows the same scalars in the same style.
    private func sameCell(_ i: Int, as other: CellGrid) -> Bool {
        let p = storage[i]
        let q = other.storage[i]
        guard p.role == q.role, p.attributes == q.attributes else { return false }
        guard p.isCluster || q.isCluster else { return p.glyph == q.glyph }
        guard p.isCluster && q.isCluster else { return false }
        return text(of: p.glyph).unicodeScalars.elementsEqual(other.text(of: q.glyph).unicodeScalars)
    }
}
