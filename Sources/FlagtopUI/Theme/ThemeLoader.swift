import Foundation

/// Finds, reads and validates theme files, and never fails: any problem yields a usable theme plus a
/// warning for the status line.
///
/// Choosing the theme (`load`):
/// - An explicit `nameOrPath` (from `--theme`, the config file or the `t` key) always wins, even when
///   `NO_COLOR` is set: no-color.org lets explicit user configuration override `NO_COLOR`.
/// - With no explicit theme, `NO_COLOR` set to a non-empty value selects the built-in `mono` theme
///   (the compiled-in one, so a user file cannot bring colour back); otherwise the theme named `default`.
/// - A value containing `/` or ending in `.toml` is a file path (`~/` expands to `$HOME`); anything else
///   is a name, looked up as `<name>.toml` first in the user directory (`$XDG_CONFIG_HOME/flagtop/themes/`,
///   or `~/.config/flagtop/themes/`), then in each of `searchDirectories` in order, then among the built-in
///   themes (`default`, `mono`).
/// - A missing or malformed file gives the fallback theme (`mono` under `NO_COLOR`, else the built-in
///   default) and one warning naming the file and, when known, the line.
public enum ThemeLoader {
    /// Theme files larger than this are refused rather than parsed.
    static let maximumFileSize = 1 << 20

    /// Loads the theme `nameOrPath` asks for (see the type's documentation for the rules).
    public static func load(
        nameOrPath: String?,
        environment: [String: String],
        searchDirectories: [URL]
    ) -> (theme: Theme, warnings: [String]) {
        let noColor = noColorRequested(environment: environment)
        let fallback = noColor ? Theme.mono : Theme.builtinDefault
        let usingFallback = "using the \(fallback.name) theme"

        guard let request = nameOrPath?.trimmingCharacters(in: .whitespaces), !request.isEmpty else {
            if noColor { return (Theme.mono, []) }
            return load(nameOrPath: "default", environment: environment, searchDirectories: searchDirectories)
        }

        if isPath(request) {
            let url = fileURL(forPath: request, environment: environment)
            switch readTheme(at: url) {
            case .success(let theme): return (theme, [])
            case .failure(let error): return (fallback, ["theme file \(url.path): \(error); \(usingFallback)"])
            }
        }

        guard isPlausibleName(request) else {
            return (fallback, ["theme name '\(printable(request))' is not valid; \(usingFallback)"])
        }
        let directories = themeDirectories(environment: environment, searchDirectories: searchDirectories)
        for directory in directories {
            let url = directory.appendingPathComponent(request + ".toml")
            guard isRegularFile(url) else { continue }
            switch readTheme(at: url) {
            case .success(let theme): return (theme, [])
            case .failure(let error): return (fallback, ["theme file \(url.path): \(error); \(usingFallback)"])
            }
        }
        if let builtin = Theme.builtin(named: request) { return (builtin, []) }
        let available = availableThemes(environment: environment, searchDirectories: searchDirectories)
        return (
            fallback,
            [
                "theme '\(request)' not found (available: \(available.joined(separator: ", "))); \(usingFallback)"
            ]
        )
    }

    /// Every theme name `load` can find, for cycling with `t`: `default` first, then the rest sorted.
    /// Includes the built-in themes and every `*.toml` in the user and search directories.
    public static func availableThemes(environment: [String: String], searchDirectories: [URL]) -> [String] {
        var names = Set(Theme.builtinNames)
        for directory in themeDirectories(environment: environment, searchDirectories: searchDirectories) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for entry in entries where entry.hasSuffix(".toml") && !entry.hasPrefix(".") {
                let name = String(entry.dropLast(".toml".count))
                if isPlausibleName(name), isRegularFile(directory.appendingPathComponent(entry)) {
                    names.insert(name)
                }
            }
        }
        return names.sorted { a, b in
            if (a == "default") != (b == "default") { return a == "default" }
            return a < b
        }
    }

    /// The user's theme directory: `$XDG_CONFIG_HOME/flagtop/themes` when that variable is an absolute
    /// path (the XDG spec says to ignore relative ones), else `$HOME/.config/flagtop/themes`; nil without either.
    public static func userThemeDirectory(environment: [String: String]) -> URL? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return URL(fileURLWithPath: config, isDirectory: true).appendingPathComponent(
                "flagtop/themes", isDirectory: true)
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(
                ".config/flagtop/themes", isDirectory: true)
        }
        return nil
    }

    /// True when `NO_COLOR` is present and not empty (no-color.org).
    public static func noColorRequested(environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// True when `value` names a file rather than a theme: it contains `/` or ends in `.toml`.
    public static func isPath(_ value: String) -> Bool {
        value.contains("/") || value.hasSuffix(".toml")
    }

    /// Reads and parses one theme file; the theme is named by its `name` key or else the file name.
    public static func readTheme(at url: URL) -> Result<Theme, ThemeFileError> {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(ThemeFileError(line: nil, message: "file not found"))
        }
        guard !isDirectory.boolValue else {
            return .failure(ThemeFileError(line: nil, message: "is a directory, not a theme file"))
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
            size.intValue > maximumFileSize
        {
            return .failure(
                ThemeFileError(line: nil, message: "file is too large for a theme (\(size.intValue) bytes)"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ThemeFileError(line: nil, message: "cannot be read"))
        }
        guard let source = String(data: data, encoding: .utf8) else {
            return .failure(ThemeFileError(line: nil, message: "is not valid UTF-8"))
        }
        guard !source.contains("\0") else {
            return .failure(ThemeFileError(line: nil, message: "contains a NUL byte"))
        }
        let stem = url.deletingPathExtension().lastPathComponent
        do {
            return .success(try ThemeParser.parse(source, fallbackName: stem))
        } catch {
            return .failure(error)
        }
    }

    /// The user directory (if any) followed by `searchDirectories`, without repeats.
    static func themeDirectories(environment: [String: String], searchDirectories: [URL]) -> [URL] {
        var seen = Set<String>()
        return ([userThemeDirectory(environment: environment)].compactMap { $0 } + searchDirectories).filter {
            seen.insert($0.standardizedFileURL.path).inserted
        }
    }

    private static func fileURL(forPath path: String, environment: [String: String]) -> URL {
        if path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(String(path.dropFirst(2)))
        }
        return URL(fileURLWithPath: path)
    }

    private static func isRegularFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// A name is looked up as a file name, so it must not be empty, hidden, or hold control characters.
    private static func isPlausibleName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".")
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// The name with control characters shown as `?`, safe for the status line.
    private static func printable(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    $0.properties.generalCategory == .control ? "?" : $0
                }))
    }
}
