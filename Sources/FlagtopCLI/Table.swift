import SafeText

/// Plain-text tables for the CLI: sanitised cells, columns sized to content (capped), widths by display cells.
/// Columns headed NAME, ID or TOGGLE hold names and show them with `Sanitizer.name` (leading and trailing
/// spaces visible), the others with `Sanitizer.singleLine`.
struct Table {
    static let nameHeaders: Set<String> = ["NAME", "ID", "TOGGLE"]

    var headers: [String]
    var rows: [[String]] = []
    var maxColumnWidth = 60

    init(_ headers: String...) { self.headers = headers }

    /// Adds a row of raw cells (as read from Redis); they are sanitised here, once.
    mutating func add(_ cells: [String]) {
        rows.append(cells.enumerated().map { i, cell in
            i < headers.count && Self.nameHeaders.contains(headers[i]) ? Sanitizer.name(cell) : Sanitizer.singleLine(cell)
        })
    }

    func render() -> String {
        var widths = headers.map { DisplayWidth.of($0) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = min(max(widths[i], DisplayWidth.of(cell)), maxColumnWidth)
            }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() {
                let last = i == cells.count - 1
                out += last ? DisplayWidth.truncate(cell, to: maxColumnWidth) : DisplayWidth.fit(cell, to: widths[i]) + "  "
            }
            return out
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}
