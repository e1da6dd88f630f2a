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
        let longestName = rows.map { TextMeasure.width($0.name) }.max() ?? 0
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
        var cells = rows.map { toggle -> [Span] in
            let stats = data.errorStats[toggle.name]
            let count = stats?.count ?? 0
            let hot: ThemeRole = count > 0 ? .error : .muted
            return [
                Span(toggle.name),
                Span(toggle.state.rawValue, role(of: toggle.state), [.bold]),
                Span(toggle.releaseNum ?? "-", toggle.releaseNum == nil ? .muted : .text),
                Span(toggle.fingerprint ?? "-", toggle.fingerprint == nil ? .muted : .text),
                Span(toggle.override ?? "-", toggle.override == nil ? .muted : .text),
                Span(toggle.rollout.map { "\($0)%" } ?? "-", toggle.rollout == nil ? .muted : .text),
                Span("\(count)", hot),
                Span(Sparkline.render(stats?.buckets ?? [], width: bucketCount), hot),
            ]
        }
        // The sparkline keeps its newest buckets when the column is narrower than the histogram.
        if let trendWidth = TableView.widths(columns, width: areas.list.width, rows: cells)[7], trendWidth < bucketCount {
            for (i, toggle) in rows.enumerated() {
                cells[i][7].text = Sparkline.render(data.errorStats[toggle.name]?.buckets ?? [], width: trendWidth)
            }
        }
        TableView.render(
            into: &grid, header: areas.header, list: areas.list, columns: columns, rows: cells,
            cursor: state.cursor(.toggles), focused: focused)
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
