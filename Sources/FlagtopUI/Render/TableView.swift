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
    static func widths(_ columns: [TableColumn], width: Int, rows: [[Span]] = []) -> [Int?] {
        guard width > 0, !columns.isEmpty else { return columns.map { _ in nil } }
        var columns = columns
        if !rows.isEmpty {
            for i in columns.indices {
                let widest = rows.prefix(measuredRows).reduce(TextMeasure.width(columns[i].title)) { max($0, i < $1.count ? TextMeasure.width($1[i].text) : 0) }
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

    /// Draws the header in `header` (if any) and the rows in `list`, keeping `cursor` visible.
    /// The selected row is drawn in the selection role when the pane has focus, in bold otherwise.
    static func render(
        into grid: inout CellGrid, header: Rect?, list: Rect, columns: [TableColumn], rows: [[Span]],
        cursor: PaneCursor, focused: Bool
    ) {
        let widths = widths(columns, width: list.width, rows: rows)
        if let header, header.height > 0 {
            let spans = columns.indices.map { Span(columns[$0].title, .muted, [.bold]) }
            drawRow(into: &grid, spans: spans, columns: columns, widths: widths, x: header.x, y: header.y, width: header.width)
        }
        guard list.height > 0 else { return }
        let window = cursor.clamped(count: rows.count, page: list.height)
        for line in 0..<list.height {
            let index = window.scroll + line
            guard index < rows.count else { break }
            var spans = rows[index]
            let y = list.y + line
            if index == window.selected {
                if focused {
                    spans = spans.map { Span($0.text, .selection, $0.attributes) }
                    grid.fill(Rect(x: list.x, y: y, width: list.width, height: 1), role: .selection)
                } else {
                    spans = spans.map { Span($0.text, $0.role, $0.attributes.union(.bold)) }
                }
            }
            drawRow(into: &grid, spans: spans, columns: columns, widths: widths, x: list.x, y: y, width: list.width)
        }
    }

    private static func drawRow(
        into grid: inout CellGrid, spans: [Span], columns: [TableColumn], widths: [Int?], x: Int, y: Int, width: Int
    ) {
        var column = x
        for (i, w) in widths.enumerated() {
            guard let w, i < spans.count else { continue }
            if column > x { column += 1 }
            let span = spans[i]
            var offset = 0
            if columns[i].alignRight { offset = max(0, w - TextMeasure.width(span.text)) }
            grid.write(span.text, x: column + offset, y: y, maxWidth: min(w - offset, x + width - column - offset), role: span.role, attributes: span.attributes)
            column += w
        }
    }
}
