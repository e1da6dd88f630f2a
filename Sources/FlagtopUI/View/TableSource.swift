/// A pane's rows as a table, formatted on demand: a pane lists thousands of items but its window shows a
/// screenful and measuring looks at most `PaneTable.measuredRows`, so only those cells are ever built.
struct TableSource {
    var columns: [TableColumn]
    var count: Int
    /// The span in column `column` (an index into `columns`) of row `row`, given the widths chosen
    /// (empty while measuring). Panes turn the index into their `Column` case at once.
    var cell: (_ row: Int, _ column: Int, _ widths: [Int?]) -> Span
    /// The cells a span takes, when the pane knows it without building the text (sparklines).
    var measure: ((_ row: Int, _ column: Int) -> Int)? = nil

    func cellWidth(_ row: Int, _ column: Int) -> Int {
        if let measure { return measure(row, column) }
        return TextMeasure.width(cell(row, column, []))
    }
}
