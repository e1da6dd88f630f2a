import FlagtopCore

/// The rows each pane lists after its filters: shared by the reducer (selection bounds) and the renderer.
extension DashboardState {
    public var visibleToggles: [Toggle] {
        let toggles = data?.toggles ?? []
        let needle = filter(.toggles).lowercased()
        guard !needle.isEmpty else { return toggles }
        return toggles.filter { t in
            [t.name, t.state.rawValue, t.releaseNum ?? "", t.fingerprint ?? "", t.override ?? ""]
                .contains { $0.lowercased().contains(needle) }
        }
    }

    public var visibleSessions: [SessionContext] {
        let sessions = data?.sessions ?? []
        let needle = filter(.sessions).lowercased()
        guard !needle.isEmpty else { return sessions }
        return sessions.filter { s in
            s.id.lowercased().contains(needle) || s.fields.contains { $0.value.lowercased().contains(needle) }
        }
    }

    /// The hits of the current search (the query is the filter here).
    public var visibleErrors: [ErrorRecord] { data?.errors?.hits ?? [] }

    /// Log lines passing the severity filter and the substring filter, oldest first.
    public var visibleLogs: [LogEntry] {
        let needle = filter(.logs).lowercased()
        // Nothing to filter: share the array instead of copying thousands of lines every frame.
        guard logSeverity != .all || !needle.isEmpty else { return data?.logs ?? [] }
        return (data?.logs ?? []).filter { entry in
            guard logSeverity.admits(entry.severity) else { return false }
            guard !needle.isEmpty else { return true }
            return [entry.name, entry.severity, entry.time, entry.message].contains { $0.lowercased().contains(needle) }
        }
    }

    /// How many rows `pane` lists.
    public func rowCount(_ pane: Pane) -> Int {
        switch pane {
        case .toggles: visibleToggles.count
        case .sessions: visibleSessions.count
        case .errors: visibleErrors.count
        case .logs: visibleLogs.count
        }
    }

    /// A stable identity per row, to keep the selection on the same item across refreshes.
    func rowIdentities(_ pane: Pane) -> [String] {
        switch pane {
        case .toggles: visibleToggles.map(\.name)
        case .sessions: visibleSessions.map(\.id)
        case .errors: visibleErrors.map(\.id)
        case .logs: visibleLogs.map { "\($0.name)\u{0}\($0.severity)\u{0}\($0.time)\u{0}\($0.message)" }
        }
    }

    /// The toggle under the Toggles pane's cursor.
    public var selectedToggle: Toggle? {
        let rows = visibleToggles
        let index = cursor(.toggles).selected
        return rows.indices.contains(index) ? rows[index] : nil
    }
}
