/// A table's rows, formatted on demand: a pane lists thousands of items but draws a screenful and
/// measures at most `TableView.measuredRows`, so only those cells are ever built.
struct TableRows {
    let count: Int
    /// The span in `column` of row `row` (both in range).
    let cell: (_ row: Int, _ column: Int) -> Span
    /// The cells that span takes, when a pane knows it without building the text (sparklines).
    let width: ((_ row: Int, _ column: Int) -> Int)?

    /// Where the cells come from, so their measurements can be remembered (nil: measure every frame).
    let memo: TableMeasureMemo.Key?

    init(
        count: Int, memo: TableMeasureMemo.Key? = nil, cell: @escaping (_ row: Int, _ column: Int) -> Span,
        width: ((_ row: Int, _ column: Int) -> Int)? = nil
    ) {
        self.count = max(0, count)
        self.memo = memo
        self.cell = cell
        self.width = width
    }

    /// Rows already built (short lists).
    init(_ rows: [[Span]]) {
        self.init(count: rows.count) { row, column in
            column < rows[row].count ? rows[row][column] : Span("")
        }
    }

    /// The cells of one cell: the pane's own measure, else its text measured as the grid will show it.
    func cellWidth(_ row: Int, _ column: Int) -> Int {
        if let width { return width(row, column) }
        return TextMeasure.width(cell(row, column).text)
    }
}
