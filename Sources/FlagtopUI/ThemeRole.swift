/// The semantic colour roles a theme names (SPEC §4). Cells carry a role, never a colour,
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
