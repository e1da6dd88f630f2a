import SafeText

/// One cell as a `CellGrid` stores it: plain data, so a grid is created, copied, compared and drawn
/// without touching a String. `glyph` is the cell's one Unicode scalar, `continuation` for the right
/// half of a wide character, or `clusterFlag | i` for the grid's `clusters[i]` (a grapheme of several
/// scalars, or the odd cell whose text cannot be a scalar).
struct PackedCell: Sendable, Hashable {
    var glyph: UInt32
    var role: ThemeRole
    var attributes: CellAttributes

    static let continuation: UInt32 = 0
    static let clusterFlag: UInt32 = 0x8000_0000
    static let space = UInt32(0x20)
    static let placeholder = UInt32(UInt8(ascii: "?"))
    static let ellipsis: UInt32 = 0x2026

    var isContinuation: Bool { glyph == Self.continuation }
    var isCluster: Bool { glyph & Self.clusterFlag != 0 }
    /// One plain scalar (see `PlainScalar`): it never merges with a plain neighbour.
    var isPlain: Bool { glyph & Self.clusterFlag == 0 && PlainScalar.contains(glyph) }

    /// The glyph for one cell's text: a scalar when the text is one (other than NUL), else a new cluster.
    static func glyph(for text: String, clusters: inout [String]) -> UInt32 {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return continuation }
        if scalars.next() == nil, first.value != 0 { return first.value }
        clusters.append(text)
        return clusterFlag | UInt32(clusters.count - 1)
    }
}
