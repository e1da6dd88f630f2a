/// Small text helpers shared by the panes.
enum PaneText {
    /// A muted one-line note where a pane's list would be ("waiting for data…", "no sessions").
    static func placeholder(_ text: String, into grid: inout CellGrid, areas: PaneGeometry.Areas) {
        let target = areas.header ?? areas.list
        guard target.height > 0 else { return }
        grid.write(text, x: target.x, y: target.y, maxWidth: target.width, role: .muted)
    }

    /// The role a log severity is drawn in.
    static func role(ofSeverity severity: String) -> ThemeRole {
        switch severity.lowercased() {
        case "debug": .debug
        case "info": .info
        case "warning": .warning
        case "error": .error
        case "critical": .critical
        default: .text
        }
    }

    /// The clock time of an asctime stamp (`Sat Nov 21 19:13:45 2026` → `19:13:45`), else the stamp.
    static func shortTime(_ asctime: String) -> String {
        asctime.split(separator: " ").first(where: { $0.contains(":") }).map(String.init) ?? asctime
    }
}
