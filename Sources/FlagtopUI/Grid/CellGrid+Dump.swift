/// Plain dumps of a grid for tests, snapshots and debugging.
extension CellGrid {
    /// Each row as the text a terminal would show (wide characters once, their right half adds nothing).
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { forEachScalar(x: x, y: y) { line.unicodeScalars.append($0) } }
            return line
        }
    }

    /// All rows joined with newlines.
    public var text: String { lines.joined(separator: "\n") }

    /// Each row as one ASCII code per cell naming its role (see `CellGrid.roleCodes`), for snapshots
    /// that check colours without depending on a theme.
    public var roleLines: [String] {
        (0..<height).map { y in
            String((0..<width).map { x in Self.roleCode(storage[y * width + x].role) })
        }
    }

    /// `roleLines` joined with newlines.
    public var roleText: String { roleLines.joined(separator: "\n") }

    /// The legend of `roleLines`: one code character per role.
    public static let roleCodes: [(ThemeRole, Character)] = [
        (.text, "."), (.muted, "m"), (.border, "b"), (.borderFocused, "B"), (.title, "T"), (.selection, "S"),
        (.on, "o"), (.off, "f"), (.killed, "k"), (.debug, "d"), (.info, "i"), (.warning, "w"), (.error, "e"),
        (.critical, "c"), (.header, "h"), (.statusOK, "g"), (.statusBad, "x"),
    ]

    static func roleCode(_ role: ThemeRole) -> Character {
        roleCodes.first(where: { $0.0 == role })?.1 ?? "?"
    }
}

extension CellGrid: CustomStringConvertible {
    /// The grid's `text`, so a failed comparison shows the screens.
    public var description: String { text }
}
