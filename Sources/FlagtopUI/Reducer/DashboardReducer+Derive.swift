import FlagtopCore

/// Builds the views the renderer reads (`PaneViews`), k9s-style: once per change of what they depend on.
///
/// - a pane's rows when its data (`paneGenerations`), its filter or (logs) the severity changed; its selection then moves to
///   the row holding the same item (`RowID`), so refreshes, filters and clearing them never move it to
///   another item;
/// - a pane's column widths when its rows or its width changed;
/// - the cells of the rows in its window when the widths or the window moved;
/// - the detail view's wrapped lines when what they show or the width changed.
extension DashboardReducer {
    static func derive(_ state: inout DashboardState) {
        for pane in Pane.allCases { deriveRows(&state, pane) }
        for pane in Pane.allCases { deriveTable(&state, pane) }
        deriveDetail(&state)
    }

    private static func deriveRows(_ state: inout DashboardState, _ pane: Pane) {
        let inputs = RowInputs(
            dataGeneration: state.paneGenerations[pane] ?? 0, filter: state.filter(pane), severity: pane == .logs ? state.logSeverity : .all)
        var cursor = state.cursor(pane)
        if state.views.rowInputs[pane] != inputs {
            // The logs pane follows its newest line (like tail -f); the errors pane stays on its newest hit
            // while the top row is selected, so new errors show instead of scrolling in above the view.
            let atTop = pane == .errors && cursor.selected == 0
            buildRows(&state, pane, inputs: inputs)
            state.views.rowInputs[pane] = inputs
            if !atTop, let id = state.views.selection[pane], let index = state.rowIndex(pane, of: id, near: cursor.selected) {
                cursor.selected = index
            }
        }
        if pane == .logs, state.followLogs { cursor.selected = Int.max }
        cursor = cursor.clamped(count: state.rowCount(pane), page: state.pageSize(pane))
        state.cursors[pane] = cursor
        // A filter that hides the selected item keeps its identity, so clearing the filter finds it again.
        if let id = state.rowID(pane, at: cursor.selected) { state.views.selection[pane] = id }
    }

    private static func buildRows(_ state: inout DashboardState, _ pane: Pane, inputs: RowInputs) {
        let needle = FilterNeedle(inputs.filter)
        switch pane {
        case .toggles:
            let toggles = state.data?.toggles ?? []
            state.views.toggles = needle.isEmpty ? toggles : toggles.filter { t in
                needle.matches(t.name) || needle.matches(t.state.rawValue) || needle.matches(t.releaseNum ?? "")
                    || needle.matches(t.fingerprint ?? "") || needle.matches(t.override ?? "")
            }
        case .sessions:
            let sessions = state.data?.sessions ?? []
            state.views.sessions = needle.isEmpty ? sessions : sessions.filter { s in
                needle.matches(s.id) || s.fields.contains { needle.matches($0.value) }
            }
        case .errors:
            state.views.errors = state.data?.errors?.hits ?? []
        case .logs:
            let logs = state.data?.logs ?? []
            let severity = inputs.severity
            state.views.logs = severity == .all && needle.isEmpty ? logs : logs.filter { entry in
                guard severity.admits(entry.severity) else { return false }
                guard !needle.isEmpty else { return true }
                return needle.matches(entry.name) || needle.matches(entry.severity) || needle.matches(entry.time) || needle.matches(entry.message)
            }
        }
    }

    private static func deriveTable(_ state: inout DashboardState, _ pane: Pane) {
        guard let inputs = state.views.rowInputs[pane] else { return }
        let list = PaneGeometry.areas(pane, content: DashboardLayout.of(state).content(of: pane)).list
        let measured = PaneTable.MeasureKey(rows: inputs, width: list.width)
        let window = PaneTable.WindowKey(measured: measured, scroll: state.cursor(pane).scroll, height: list.height)
        var table = state.views.tables[pane] ?? PaneTable()
        guard table.measuredFor != measured || table.windowFor != window else { return }
        let source = self.source(state, pane)
        if table.measuredFor != measured { table.measure(source, width: list.width, key: measured) }
        table.fillWindow(source, key: window)
        state.views.tables[pane] = table
    }

    private static func source(_ state: DashboardState, _ pane: Pane) -> TableSource {
        switch pane {
        case .toggles: TogglesPane.source(state)
        case .sessions: SessionsPane.source(state)
        case .errors: ErrorsPane.source(state)
        case .logs: LogsPane.source(state)
        }
    }

    private static func deriveDetail(_ state: inout DashboardState) {
        guard case .detail(let detail) = state.overlay else {
            state.views.detail = nil
            return
        }
        let width = DetailOverlay.body(state).width
        let basis = DetailContent.basis(state, detail.kind, width: width)
        if let built = state.views.detail, built.kind == detail.kind, built.basis == basis { return }
        state.views.detail = DetailView(kind: detail.kind, basis: basis, lines: DetailContent.lines(state, detail.kind, width: width))
    }
}
