import Foundation

/// How the dashboard starts: refresh interval, theme, and where themes are looked up.
public struct DashboardOptions: Sendable {
    /// Seconds between refreshes (1 s by default).
    public var interval: Double = 1.0
    /// `--theme NAME|PATH`; nil picks `default` (or `mono` under NO_COLOR).
    public var theme: String?
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Folders holding the shipped `*.toml` themes (the repository's `Themes/`, or an installed copy).
    public var themeDirectories: [URL] = DashboardOptions.defaultThemeDirectories()

    public init(interval: Double = 1.0, theme: String? = nil) {
        self.interval = interval
        self.theme = theme
    }

    /// `$FLAGTOP_THEMES_DIR`, the `Themes/` folder of the checkout the binary was built in
    /// (`.build/<config>/flagtop` → `Themes/`), then installed locations.
    public static func defaultThemeDirectories() -> [URL] {
        var dirs: [URL] = []
        if let env = ProcessInfo.processInfo.environment["FLAGTOP_THEMES_DIR"] { dirs.append(URL(fileURLWithPath: env)) }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var dir = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            dirs.append(dir.appendingPathComponent("Themes"))
            dir = dir.deletingLastPathComponent()
        }
        dirs.append(URL(fileURLWithPath: "/usr/local/share/flagtop/themes"))
        dirs.append(URL(fileURLWithPath: "/usr/share/flagtop/themes"))
        return dirs.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
