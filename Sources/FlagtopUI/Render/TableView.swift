/// Draws a pane's derived table (`PaneTable`): a header row, the rows of its window, the selected row.
enum TableView {
    /// Draws the header in `header` (if any) and the window's rows in `list`. The selected row is drawn
    /// in the selection role when the pane has focus, in bold otherwise. Nothing is formatted here: the
    /// cells were built by the reducer.
    static func render(into grid: inout CellGrid, header: Rect?, list: Rect, table: PaneTable, cursor: PaneCursor, focused: Bool) {
        let columns = table.columns
        let widths = table.widths
        if let header, header.height > 0 {
            drawRow(into: &grid, columns: columns, widths: widths, x: header.x, y: header.y, width: header.width) { i in
                Span(columns[i].title, .muted, [.bold])
            }
        }
        guard list.height > 0 else { return }
        let window = cursor.clamped(count: table.rowCount, page: list.height)
        for line in 0..<list.height {
            let index = window.scroll + line
            let built = index - table.firstRow
            guard index < table.rowCount, table.cells.indices.contains(built) else { break }
            let row = table.cells[built]
            let y = list.y + line
            if index == window.selected {
                if focused {
                    grid.fill(Rect(x: list.x, y: y, width: list.width, height: 1), role: .selection)
                    drawRow(into: &grid, columns: columns, widths: widths, x: list.x, y: y, width: list.width) { i in
                        var cell = row[i]
                        cell.role = .selection
                        return cell
                    }
                } else {
                    drawRow(into: &grid, columns: columns, widths: widths, x: list.x, y: y, width: list.width) { i in
                        var cell = row[i]
                        cell.attributes.formUnion(.bold)
                        return cell
                    }
                }
            } else {
                drawRow(into: &grid, columns: columns, widths: widths, x: list.x, y: y, width: list.width) { row[$0] }
            }
        }
    }

    /// A table built on the spot for an overlay's list (the fingerprint browser): measured, and the
    /// window `cursor` shows in `list` filled.
    static func onTheSpot(_ source: TableSource, list: Rect, cursor: PaneCursor) -> PaneTable {
        var table = PaneTable()
        let key = PaneTable.MeasureKey(rows: RowInputs(dataGeneration: 0, filter: "", severity: .all), width: list.width)
        table.measure(source, width: list.width, key: key)
        let window = cursor.clamped(count: source.count, page: list.height)
        table.fillWindow(source, key: PaneTable.WindowKey(measured: key, scroll: window.scroll, height: list.height))
        return table
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
            if columns[i].alignRight { offset = max(0, w - TextMeasure.width(span)) }
            grid.write(span.text, x: column + offset, y: y, maxWidth: min(w - offset, x + width - column - offset), role: span.role,
                       attributes: span.attributes, sanitized: span.isSanitized)
            column += w
        }
    }
}
