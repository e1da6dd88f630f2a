/// One pane's table as the reducer derived it: the columns that fit and their widths (measured when the
/// rows or the pane's width change) and the cells of the rows in the pane's window (built when the window
/// moves). The renderer draws it as it is.
struct PaneTable: Sendable, Equatable {
    /// Measuring stops after this many rows, so long lists stay cheap and columns do not jump while scrolling.
    static let measuredRows = 300

    var columns: [TableColumn] = []
    /// Per column, in `columns` order; nil for a column dropped for lack of room.
    var widths: [Int?] = []
    var rowCount = 0
    /// The index of the first row in `cells`.
    var firstRow = 0
    var cells: [[Span]] = []
    var measuredFor: MeasureKey?
    var windowFor: WindowKey?

    struct MeasureKey: Sendable, Equatable {
        var rows: RowInputs
        var width: Int
    }

    struct WindowKey: Sendable, Equatable {
        var measured: MeasureKey
        var scroll: Int
        var height: Int
    }

    /// The width of the column named `name`, nil when it is not shown.
    func width(of name: String) -> Int? {
        columns.firstIndex { $0.name == name }.flatMap { widths[$0] }
    }

    /// Measures `source` for a list `width` cells wide.
    mutating func measure(_ source: TableSource, width: Int, key: MeasureKey) {
        columns = source.columns
        widths = Self.widths(source.columns, width: width, rows: source)
        rowCount = source.count
        measuredFor = key
        windowFor = nil
    }

    /// Builds the cells of rows `scroll ..< scroll + height`.
    mutating func fillWindow(_ source: TableSource, key: WindowKey) {
        let end = min(source.count, key.scroll + key.height)
        firstRow = key.scroll
        cells = key.scroll < end
            ? (key.scroll..<end).map { row in columns.indices.map { source.cell(row, $0, widths) } }
            : []
        windowFor = key
    }

    /// Each column's width, or nil when it is dropped for lack of room. Columns are separated by one
    /// space. With `rows`, no column grows wider than its title and its widest cell (among the first
    /// `measuredRows`).
    static func widths(_ columns: [TableColumn], width: Int, rows: TableSource? = nil) -> [Int?] {
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

    /// Per column, the widest of its title and its cells among the first `measuredRows` (measuring stops
    /// once the column's maximum is reached), or nil for a column whose maximum is its minimum.
    static func measure(_ columns: [TableColumn], rows: TableSource) -> [Int?] {
        let measured = min(rows.count, measuredRows)
        return columns.indices.map { i in
            let column = columns[i]
            let cap = column.maxWidth ?? Int.max
            // A column already at its cap whatever its cells hold needs no measuring.
            guard column.minWidth < cap else { return nil }
            var widest = TextMeasure.width(column.title)
            var row = 0
            while row < measured, widest < cap {
                widest = max(widest, rows.cellWidth(row, i))
                row += 1
            }
            return widest
        }
    }
}
