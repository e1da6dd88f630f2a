/// One column of a pane's table: how narrow it may get, how it grows, and which columns go first
/// when the pane is narrow (lower `priority` stays longer).
struct TableColumn {
    var title: String
    var minWidth: Int
    var maxWidth: Int? = nil
    var flex: Int = 0
    var priority: Int
    var alignRight = false
}

/// Draws a list as columns with a header row, a selected row and scrolling.
enum TableView {
    static let measuredRows = 300

    /// Each column's width, or nil when it is dropped for lack of room. Columns are separated by one
    /// space. With `rows`, no column grows wider than its title and its widest cell (among the first
    /// `measuredRows`, so long lists stay cheap and columns do not jump while scrolling).
    static func widths(_ columns: [TableColumn], width: Int, rows: TableRows? = nil) -> [Int?] {
        guard width > 0, !columns.isEmpty else { return columns.map { _ in nil } }
        var columns = columns
        if let rows, rows.count > 0 {
            for (i, widest) in measure(columns, rows: rows).enumerated() {
                guard let widest else { continue }
                columns[i].maxWidth = min(columns[i].maxWidth ?? Int.max, max(columns[i].minWidth, widest))
            }
        }
        var result: [Int?] = columns.map { _ in nil }
        var used = 0
        let order = columns.indices.sorted { (columns[$0].priority, $0) < (columns[$1].priority, $1) }
        for i in order {
            let need = columns[i].minWidth + (used == 0 ? 0 : 1)
            if used + need <= width {
                result[i] = columns[i].minWidth
                used += need
            }
        }
        if used == 0, let first = order.first {
            result[first] = width
            return result
        }
        var extra = width - used
        // Hand out the extra cells one round at a time by flex weight, respecting maximum widths.
        while extra > 0 {
            let growable = columns.indices.filter { i in
                guard let w = result[i], columns[i].flex > 0 else { return false }
                return w < (columns[i].maxWidth ?? Int.max)
            }
            guard !growable.isEmpty else { break }
            for i in growable where extra > 0 {
                let room = (columns[i].maxWidth ?? Int.max) - result[i]!
                let add = min(columns[i].flex, extra, room)
                result[i]! += add
                extra -= add
            }
        }
        return result
    }

    /// Per column, the widest of its title and its cells among the first `measuredRows` (measuring
    /// stops once the column's maximum is reached), or nil for a column whose maximum is its minimum.
    /// Remembered per table for the same rows (`TableMeasureMemo`).
    static func measure(_ columns: [TableColumn], rows: TableRows) -> [Int?] {
        let shape = columns.flatMap { [$0.minWidth, $0.maxWidth ?? -1, $0.title.utf8.count] }
        let remembered = rows.memo.flatMap { TableMeasureMemo.shared.widest($0, shape: shape) }
        let measured = min(rows.count, measuredRows)
        let widest: [Int?] = columns.indices.map { i in
            if let remembered, !(rows.memo?.live.contains(i) ?? false) { return remembered[i] }
            let cap = columns[i].maxWidth ?? Int.max
            // A column already at its cap whatever its cells hold needs no measuring.
            guard columns[i].minWidth < cap else { return nil }
            var widest = TextMeasure.width(columns[i].title)
            var row = 0
            while row < measured, widest < cap {
                widest = max(widest, rows.cellWidth(row, i))
                row += 1
            }
            return widest
        }
        if remembered == nil, let key = rows.memo { TableMeasureMemo.shared.store(widest, for: key, shape: shape) }
        return widest
    }

    /// Draws the header in `header` (if any) and the rows in `list`, keeping `cursor` visible.
    /// The selected row is drawn in the selection role when the pane has focus, in bold otherwise.
    /// Only the rows in the window are formatted.
    static func render(
        into grid: inout CellGrid, header: Rect?, list: Rect, columns: [TableColumn], rows: TableRows,
        cursor: PaneCursor, focused: Bool
    ) {
        let widths = widths(columns, width: list.width, rows: rows)
        if let header, header.height > 0 {
            drawRow(into: &grid, columns: columns, widths: widths, x: header.x, y: header.y, width: header.width) { i in
                Span(columns[i].title, .muted, [.bold])
            }
        }
        guard list.height > 0 else { return }
        let window = cursor.clamped(count: rows.count, page: list.height)
        for line in 0..<list.height {
            let index = window.scroll + line
            guard index < rows.count else { break }
            let y = list.y + line
            if index == window.selected {
                if focused {
                    grid.fill(Rect(x: list.x, y: y, width: list.width, height: 1), role: .selection)
                    drawRow(into: &grid, columns: columns, widths: widths, x: list.x, y: y, width: list.width) { i in
                        let span = rows.cell(index, i)
                        return Span(span.text, .selection, span.attributes)
                    }
                } else {
                    drawRow(into: &grid, columns: columns, widths: widths, x: list.x, y: y, width: list.width) { i in
                        let span = rows.cell(index, i)
                        return Span(span.text, span.role, span.attributes.union(.bold))
                    }
                }
            } else {
                drawRow(into: &grid, columns: columns, widths: widths, x: list.x, y: y, width: list.width) { rows.cell(index, $0) }
            }
        }
    }

    private static func drawRow(
        into grid: inout CellGrid, columns: [TableColumn], widths: [Int?], x: Int, y: Int, width: Int, span: (Int) -> Span
    ) {
        var column = x
        for (i, w) in widths.enumerated() {
            guard let w else { continue }
            if column > x { column += 1 }
            let span = span(i)
            var offset = 0
            if columns[i].alignRight { offset = max(0, w - TextMeasure.width(span.text)) }
            grid.write(span.text, x: column + offset, y: y, maxWidth: min(w - offset, x + width - column - offset), role: span.role, attributes: span.attributes)
            column += w
        }
    }
}
