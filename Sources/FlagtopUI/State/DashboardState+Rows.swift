import FlagtopCore

/// The rows each pane lists after its filters: shared by the reducer (selection bounds) and the renderer.
extension DashboardState {
    // The renderer and the reducer ask for the same filtered rows many times per refresh.
    private static let toggleFilterMemo = FilterMemo<Toggle>()
    private static let sessionFilterMemo = FilterMemo<SessionContext>()
    private static let logFilterMemo = FilterMemo<LogEntry>()

    public var visibleToggles: [Toggle] {
        let toggles = data?.toggles ?? []
        let needle = FilterNeedle(filter(.toggles))
        guard !needle.isEmpty else { return toggles }
        return Self.toggleFilterMemo.rows(of: toggles, key: needle.lowered) { toggles in
            toggles.filter { t in
                needle.matches(t.name) || needle.matches(t.state.rawValue) || needle.matches(t.releaseNum ?? "")
                    || needle.matches(t.fingerprint ?? "") || needle.matches(t.override ?? "")
            }
        }
    }

    public var visibleSessions: [SessionContext] {
        let sessions = data?.sessions ?? []
        let needle = FilterNeedle(filter(.sessions))
        guard !needle.isEmpty else { return sessions }
        return Self.sessionFilterMemo.rows(of: sessions, key: needle.lowered) { sessions in
            sessions.filter { s in needle.matches(s.id) || s.fields.contains { needle.matches($0.value) } }
        }
    }

    /// The hits of the current search (the query is the filter here).
    public var visibleErrors: [ErrorRecord] { data?.errors?.hits ?? [] }

    /// Log lines passing the severity filter and the substring filter, oldest first.
    public var visibleLogs: [LogEntry] {
        let needle = FilterNeedle(filter(.logs))
        // Nothing to filter: share the array instead of copying thousands of lines every frame.
        guard logSeverity != .all || !needle.isEmpty else { return data?.logs ?? [] }
        let severity = logSeverity
        return Self.logFilterMemo.rows(of: data?.logs ?? [], key: "\(severity.rawValue) \(needle.lowered)") { logs in
            logs.filter { entry in
                guard severity.admits(entry.severity) else { return false }
                guard !needle.isEmpty else { return true }
                return needle.matches(entry.name) || needle.matches(entry.severity) || needle.matches(entry.time) || needle.matches(entry.message)
            }
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
        case .logs: visibleLogs.map(Self.identity(of:))
        }
    }

    /// The identity of row `index` alone (nil past the end), without building every row's.
    func rowIdentity(_ pane: Pane, at index: Int) -> String? {
        switch pane {
        case .toggles: visibleToggles.element(at: index)?.name
        case .sessions: visibleSessions.element(at: index)?.id
        case .errors: visibleErrors.element(at: index)?.id
        case .logs: visibleLogs.element(at: index).map(Self.identity(of:))
        }
    }

    private static func identity(of entry: LogEntry) -> String {
        "\(entry.name)\u{0}\(entry.severity)\u{0}\(entry.time)\u{0}\(entry.message)"
    }

    /// The toggle under the Toggles pane's cursor.
    public var selectedToggle: Toggle? {
        let rows = visibleToggles
        let index = cursor(.toggles).selected
        return rows.indices.contains(index) ? rows[index] : nil
    }
}
