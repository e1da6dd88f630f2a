/// The four panes of the dashboard, in focus order (`Tab`, `1`–`4`).
public enum Pane: Int, Sendable, Hashable, CaseIterable, Comparable {
    case toggles = 1
    case sessions = 2
    case errors = 3
    case logs = 4

    /// The title shown in the pane's frame.
    public var title: String {
        switch self {
        case .toggles: "Toggles"
        case .sessions: "Sessions"
        case .errors: "Errors"
        case .logs: "Recent logs"
        }
    }

    /// The pane after this one, wrapping around.
    public var next: Pane { Pane(rawValue: rawValue % 4 + 1)! }
    /// The pane before this one, wrapping around.
    public var previous: Pane { Pane(rawValue: (rawValue + 2) % 4 + 1)! }

    public static func < (lhs: Pane, rhs: Pane) -> Bool { lhs.rawValue < rhs.rawValue }
}
