/// The dashboard's panes. `allCases` is the one list that drives the layout, the focus order
/// (`Tab`, `Shift-Tab`), the digit keys that jump to a pane and the help that lists them.
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

    /// The pane's place in `allCases`, from 1: its digit key and the number in its frame.
    public var number: Int { Self.allCases.firstIndex(of: self)! + 1 }

    /// The pane whose digit key is `number`, if any.
    public init?(number: Int) {
        guard Self.allCases.indices.contains(number - 1) else { return nil }
        self = Self.allCases[number - 1]
    }

    /// The pane after this one, wrapping around.
    public var next: Pane { Self.allCases[number % Self.allCases.count] }
    /// The pane before this one, wrapping around.
    public var previous: Pane { Self.allCases[(number - 2 + Self.allCases.count) % Self.allCases.count] }

    public static func < (lhs: Pane, rhs: Pane) -> Bool { lhs.number < rhs.number }
}
