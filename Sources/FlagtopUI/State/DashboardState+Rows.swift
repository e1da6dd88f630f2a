import FlagtopCore

/// The rows each pane lists after its filters, as `DashboardReducer.derive` last built them.
extension DashboardState {
    public var visibleToggles: [Toggle] { views.toggles }
    public var visibleSessions: [SessionContext] { views.sessions }
    /// The hits of the current search (the query is the filter here).
    public var visibleErrors: [ErrorRecord] { views.errors }
    /// Log lines passing the severity filter and the substring filter, oldest first.
    public var visibleLogs: [LogEntry] { views.logs }

    /// How many rows `pane` lists.
    public func rowCount(_ pane: Pane) -> Int {
        switch pane {
        case .toggles: views.toggles.count
        case .sessions: views.sessions.count
        case .errors: views.errors.count
        case .logs: views.logs.count
        }
    }

    /// The identity of row `index` of `pane` (nil past the end).
    public func rowID(_ pane: Pane, at index: Int) -> RowID? {
        switch pane {
        case .toggles: views.toggles.element(at: index).map { .toggle(name: $0.name) }
        case .sessions: views.sessions.element(at: index).map { .session(id: $0.id) }
        case .errors: views.errors.element(at: index).map { .error(id: $0.id) }
        case .logs: views.logs.element(at: index).map { .log($0) }
        }
    }

    /// The row of `pane` holding `id`, the one nearest `near` when several do (log lines can repeat).
    func rowIndex(_ pane: Pane, of id: RowID, near: Int) -> Int? {
        func nearest(_ matches: [Int]) -> Int? { matches.min { abs($0 - near) < abs($1 - near) } }
        switch (pane, id) {
        case (.toggles, .toggle(let name)): return views.toggles.firstIndex { $0.name == name }
        case (.sessions, .session(let id)): return views.sessions.firstIndex { $0.id == id }
        case (.errors, .error(let id)): return views.errors.firstIndex { $0.id == id }
        case (.logs, .log(let entry)): return nearest(views.logs.indices.filter { views.logs[$0] == entry })
        default: return nil
        }
    }

    /// The toggle under the Toggles pane's cursor.
    public var selectedToggle: Toggle? { views.toggles.element(at: cursor(.toggles).selected) }
}
