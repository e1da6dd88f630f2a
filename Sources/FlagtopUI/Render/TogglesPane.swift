import FlagtopCore

/// The Toggles pane: name, state, release, fingerprint, override, rollout, errors in the last
/// 15 minutes and their sparkline.
enum TogglesPane {
    static func render(_ state: DashboardState, into grid: inout CellGrid, layout: DashboardLayout) {
        guard let rect = layout.panes[.toggles] else { return }
        let focused = state.focus == .toggles
        let rows = state.visibleToggles
        let total = state.data?.toggles.count ?? 0
        let filter = state.filter(.toggles)
        let summary = filter.isEmpty ? "\(total)" : "\(rows.count)/\(total) filter: \(filter)"
        PaneFrame.draw(
            into: &grid, rect: rect, boxed: layout.boxed, focused: focused,
            title: PaneFrame.title(.toggles, focused: focused, summary: state.data == nil ? "" : summary, stale: state.stale))
        let areas = PaneGeometry.areas(.toggles, content: layout.content(of: .toggles))
        guard let data = state.data else {
            return PaneText.placeholder("waiting for data…", into: &grid, areas: areas)
        }
        guard !rows.isEmpty else {
            let text = total == 0 ? "no toggles yet (any HASH with a `toggle` field is one)" : "no toggle matches the filter"
            return PaneText.placeholder(text, into: &grid, areas: areas)
        }
        let bucketCount = min(30, rows.compactMap { data.errorStats[$0.name]?.buckets.count }.max() ?? 0)
        let longestName = longestNameWidth(rows)
        let columns = [
            TableColumn(title: "NAME", minWidth: min(max(10, longestName), 24), flex: 3, priority: 0),
            TableColumn(title: "STATE", minWidth: 7, maxWidth: 7, priority: 0),
            TableColumn(title: "REL", minWidth: 5, maxWidth: 12, flex: 1, priority: 4),
            TableColumn(title: "FINGERPRINT", minWidth: 11, flex: 2, priority: 5),
            TableColumn(title: "OVERRIDE", minWidth: 8, maxWidth: 24, flex: 1, priority: 6),
            TableColumn(title: "ROLLOUT", minWidth: 7, maxWidth: 7, priority: 3, alignRight: true),
            TableColumn(title: "ERR/15m", minWidth: 7, maxWidth: 7, priority: 1, alignRight: true),
            TableColumn(title: "TREND", minWidth: min(8, bucketCount), maxWidth: bucketCount, flex: 1, priority: 2),
        ]
        func table(trendWidth: Int) -> TableRows {
            let cell = { (row: Int, column: Int) -> Span in
                Self.cell(rows[row], column, stats: column >= 6 ? data.errorStats[rows[row].name] : nil, trendWidth: trendWidth)
            }
            // The last two columns also depend on the error stats: measured every frame.
            let memo = TableMeasureMemo.Key(table: "toggles", rows: StorageToken(rows), live: [6, 7])
            return TableRows(count: rows.count, memo: memo, cell: cell) { row, column in
                // The sparkline draws one cell per bucket shown: measure it without building it.
                column == 7 ? Sparkline.cells(buckets: data.errorStats[rows[row].name]?.buckets.count ?? 0, width: trendWidth)
                    : TextMeasure.width(cell(row, column).text)
            }
        }
        var cells = table(trendWidth: bucketCount)
        // The sparkline keeps its newest buckets when the column is narrower than the histogram.
        if let trendWidth = TableView.widths(columns, width: areas.list.width, rows: cells)[7], trendWidth < bucketCount {
            cells = table(trendWidth: trendWidth)
        }
        TableView.render(
            into: &grid, header: areas.header, list: areas.list, columns: columns, rows: cells,
            cursor: state.cursor(.toggles), focused: focused)
    }

    /// The widest name of all `rows`, remembered for the same rows.
    private static func longestNameWidth(_ rows: [Toggle]) -> Int {
        let key = TableMeasureMemo.Key(table: "toggles.names", rows: StorageToken(rows))
        if let remembered = TableMeasureMemo.shared.widest(key, shape: [])?.first { return remembered ?? 0 }
        let longest = rows.map { TextMeasure.width($0.name) }.max() ?? 0
        TableMeasureMemo.shared.store([longest], for: key, shape: [])
        return longest
    }

    /// One cell of a toggle's row; only the last two columns use `stats`.
    private static func cell(_ toggle: Toggle, _ column: Int, stats: ToggleErrorStats?, trendWidth: Int) -> Span {
        switch column {
        case 0: return Span(toggle.name)
        case 1: return Span(toggle.state.rawValue, role(of: toggle.state), [.bold])
        case 2: return optional(toggle.releaseNum)
        case 3: return optional(toggle.fingerprint)
        case 4: return optional(toggle.override)
        case 5: return toggle.rollout.map { Span("\($0)%") } ?? Span("-", .muted)
        case 6: return Span("\(stats?.count ?? 0)", (stats?.count ?? 0) > 0 ? .error : .muted)
        default: return Span(Sparkline.render(stats?.buckets ?? [], width: trendWidth), (stats?.count ?? 0) > 0 ? .error : .muted)
        }
    }

    /// The value, or a muted "-" when the field is missing.
    private static func optional(_ value: String?) -> Span {
        value.map { Span($0) } ?? Span("-", .muted)
    }

    /// ON, OFF, KILLED and INVALID in their roles.
    static func role(of state: ToggleState) -> ThemeRole {
        switch state {
        case .on: .on
        case .off: .off
        case .killed: .killed
        case .invalid: .error
        }
    }
}
