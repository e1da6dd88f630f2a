import FlagtopCore

/// The Toggles pane: name, state, release, fingerprint, override, rollout, errors in the last
/// 15 minutes and their sparkline.
enum TogglesPane {
    /// The columns, in order, by name.
    enum Column: String, CaseIterable {
        case name, state, release, fingerprint, override, rollout, errors, trend
        static let all = allCases
    }

    static func render(_ state: DashboardState, into grid: inout CellGrid, layout: DashboardLayout) {
        guard let rect = layout.panes[.toggles] else { return }
        let focused = state.focus == .toggles
        let rows = state.visibleToggles
        let total = state.data?.toggles.count ?? 0
        let filter = state.filter(.toggles)
        let summary = filter.isEmpty ? "\(total)" : "\(rows.count)/\(total) filter: \(filter)"
        PaneFrame.draw(
            into: &grid, rect: rect, boxed: layout.boxed, focused: focused,
            title: PaneFrame.title(.toggles, state: state, summary: state.data == nil ? "" : summary))
        let areas = PaneGeometry.areas(.toggles, content: layout.content(of: .toggles))
        guard state.data != nil else {
            return PaneText.placeholder("waiting for data…", into: &grid, areas: areas)
        }
        guard !rows.isEmpty else {
            let text = total == 0 ? "no toggles yet (any HASH with a `toggle` field is one)" : "no toggle matches the filter"
            return PaneText.placeholder(text, into: &grid, areas: areas)
        }
        TableView.render(
            into: &grid, header: areas.header, list: areas.list, table: state.views.tables[.toggles] ?? PaneTable(),
            cursor: state.cursor(.toggles), focused: focused)
    }

    /// The visible toggles as a table (built by the reducer when the rows or the pane's width change).
    static func source(_ state: DashboardState) -> TableSource {
        let rows = state.visibleToggles
        let stats = state.data?.errorStats ?? [:]
        let bucketCount = min(30, rows.compactMap { stats[$0.name]?.buckets.count }.max() ?? 0)
        let longestName = rows.map { TextMeasure.width(Span(name: $0.name)) }.max() ?? 0
        let columns = Column.all.map { column -> TableColumn in
            switch column {
            case .name: TableColumn(name: column.rawValue, title: "NAME", minWidth: min(max(10, longestName), 24), flex: 3, priority: 0)
            case .state: TableColumn(name: column.rawValue, title: "STATE", minWidth: 7, maxWidth: 7, priority: 0)
            case .release: TableColumn(name: column.rawValue, title: "REL", minWidth: 5, maxWidth: 12, flex: 1, priority: 4)
            case .fingerprint: TableColumn(name: column.rawValue, title: "FINGERPRINT", minWidth: 11, flex: 2, priority: 5)
            case .override: TableColumn(name: column.rawValue, title: "OVERRIDE", minWidth: 8, maxWidth: 24, flex: 1, priority: 6)
            case .rollout: TableColumn(name: column.rawValue, title: "ROLLOUT", minWidth: 7, maxWidth: 7, priority: 3, alignRight: true)
            case .errors: TableColumn(name: column.rawValue, title: "ERR/15m", minWidth: 7, maxWidth: 7, priority: 1, alignRight: true)
            case .trend: TableColumn(name: column.rawValue, title: "TREND", minWidth: min(8, bucketCount), maxWidth: bucketCount, flex: 1, priority: 2)
            }
        }
        let trend = Column.all.firstIndex(of: .trend)!
        let cell = { (row: Int, index: Int, widths: [Int?]) -> Span in
            let column = Column.all[index]
            // Only the last two columns look up the error stats.
            let counts = column == .errors || column == .trend ? stats[rows[row].name] : nil
            // The sparkline keeps its newest buckets when the column is narrower than the histogram.
            let trendWidth = min((widths.indices.contains(trend) ? widths[trend] : nil) ?? bucketCount, bucketCount)
            return Self.cell(rows[row], column, stats: counts, trendWidth: trendWidth)
        }
        return TableSource(columns: columns, count: rows.count, cell: cell) { row, index in
            // The sparkline draws one cell per bucket shown: measure it without building it.
            index == trend ? Sparkline.cells(buckets: stats[rows[row].name]?.buckets.count ?? 0, width: bucketCount)
                : TextMeasure.width(cell(row, index, []))
        }
    }

    /// One cell of a toggle's row; only the errors and trend columns use `stats`.
    private static func cell(_ toggle: Toggle, _ column: Column, stats: ToggleErrorStats?, trendWidth: Int) -> Span {
        switch column {
        case .name: Span(name: toggle.name)
        case .state: Span(toggle.state.rawValue, role(of: toggle.state), [.bold])
        case .release: optional(toggle.releaseNum)
        case .fingerprint: optional(toggle.fingerprint)
        case .override: optional(toggle.override)
        case .rollout: toggle.rollout.map { Span("\($0)%") } ?? Span("-", .muted)
        case .errors: Span("\(stats?.count ?? 0)", (stats?.count ?? 0) > 0 ? .error : .muted)
        case .trend: Span(Sparkline.render(stats?.buckets ?? [], width: trendWidth), (stats?.count ?? 0) > 0 ? .error : .muted)
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
