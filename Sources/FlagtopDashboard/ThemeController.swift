import FlagtopUI
import Foundation

/// Which theme is active, the names `t` cycles through, and loading with warnings (a bad file never stops the app).
struct ThemeController {
    let options: DashboardOptions
    private(set) var current: Theme
    private(set) var currentName: String
    private(set) var names: [String]
    private(set) var warnings: [String]

    init(options: DashboardOptions) {
        self.options = options
        let loaded = ThemeLoader.load(nameOrPath: options.theme, environment: options.environment, searchDirectories: options.themeDirectories)
        current = loaded.theme
        warnings = loaded.warnings
        currentName = loaded.theme.name
        var all = ThemeLoader.availableThemes(environment: options.environment, searchDirectories: options.themeDirectories)
        if !all.contains(currentName) { all.append(currentName) }
        names = all
    }

    /// Switches theme; returns warnings to show.
    mutating func select(_ name: String) -> [String] {
        let loaded = ThemeLoader.load(nameOrPath: name, environment: options.environment, searchDirectories: options.themeDirectories)
        current = loaded.theme
        currentName = name
        return loaded.warnings
    }
}
