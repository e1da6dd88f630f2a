/// The semantic colour roles a theme names (docs/architecture.md, module FlagtopUI). Cells carry a role, never a colour,
/// so rendering stays independent of the theme and the terminal's colour depth.
public enum ThemeRole: String, Sendable, CaseIterable, Hashable {
    case text
    case muted
    case border
    case borderFocused = "border_focused"
    case title
    case selection
    case on
    case off
    case killed
    case debug
    case info
    case warning
    case error
    case critical
    case header
    case statusOK = "status_ok"
    case statusBad = "status_bad"
}

extension ThemeRole {
    /// The role's position in `allCases`, for tables indexed by role (colour pair numbers are `ordinal + 1`).
    public var ordinal: Int {
        switch self {
        case .text: 0
        case .muted: 1
        case .border: 2
        case .borderFocused: 3
        case .title: 4
        case .selection: 5
        case .on: 6
        case .off: 7
        case .killed: 8
        case .debug: 9
        case .info: 10
        case .warning: 11
        case .error: 12
        case .critical: 13
        case .header: 14
        case .statusOK: 15
        case .statusBad: 16
        }
    }
}
