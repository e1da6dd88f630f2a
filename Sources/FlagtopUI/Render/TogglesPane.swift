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
        let longestName = rows.map { TextMeasure.width($0.name) }.max() ?? 0
        let columns = [
            TableColumn(name: "name", title: "NAME", minWidth: min(max(10, longestName), 24), flex: 3, priority: 0),
            TableColumn(name: "state", title: "STATE", minWidth: 7, maxWidth: 7, priority: 0),
            TableColumn(name: "release", title: "REL", minWidth: 5, maxWidth: 12, flex: 1, priority: 4),
            TableColumn(name: "fingerprint", title: "FINGERPRINT", minWidth: 11, flex: 2, priority: 5),
            TableColumn(name: "override", title: "OVERRIDE", minWidth: 8, maxWidth: 24, flex: 1, priority: 6),
            TableColumn(name: "rollout", title: "ROLLOUT", minWidth: 7, maxWidth: 7, priority: 3, alignRight: true),
            TableColumn(name: "errors", title: "ERR/15m", minWidth: 7, maxWidth: 7, priority: 1, alignRight: true),
            TableColumn(name: "trend", title: "TREND", minWidth: min(8, bucketCount), maxWidth: bucketCount, flex: 1, priority: 2),
        ]
        let cell = { (row: Int, column: String, widths: [String: Int]) -> Span in
            // The sparkline keeps its newest buckets when the column is narrower than the histogram.
            Self.cell(rows[row], column, stats: stats[rows[row].name], trendWidth: min(widths["trend"] ?? bucketCount, bucketCount))
        }
        return TableSource(columns: columns, count: rows.count, cell: cell) { row, column in
            // The sparkline draws one cell per bucket shown: measure it without building it.
            column == "trend" ? Sparkline.cells(buckets: stats[rows[row].name]?.buckets.count ?? 0, width: bucketCount)
                : TextMeasure.width(cell(row, column, [:]).text)
        }
    }

    /// One cell of a toggle's row, by column name; only the errors and trend columns use `stats`.
    private static func cell(_ toggle: Toggle, _ column: String, stats: ToggleErrorStats?, trendWidth: Int) -> Span {
        switch column {
        case "name": return Span(toggle.name)
        case "state": return Span(toggle.state.rawValue, role(of: toggle.state), [.bold])
        case "release": return optional(toggle.releaseNum)
        case "fingerprint": return optional(toggle.fingerprint)
        case "override": return optional(toggle.override)
        case "rollout": return toggle.rollout.map { Span("\($0)%") } ?? Span("-", .muted)
        case "errors": return Span("\(stats?.count ?? 0)", (stats?.count ?? 0) > 0 ? .error : .muted)
        case "trend": return Span(Sparkline.render(stats?.buckets ?? [], width: trendWidth), (stats?.count ?? 0) > 0 ? .error : .muted)
        default: return Span("")
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
