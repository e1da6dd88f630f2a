import TOMLKit

/// Turns the text of a theme file into a `Theme`, strictly: TOML syntax errors, unknown keys, roles,
/// fields and attributes, and bad colours are all errors (reported with their line), never ignored.
///
/// Layout (see the header of Themes/default.toml):
/// ```
/// name = "default"            # optional; the file name without .toml otherwise
/// description = "…"           # optional
/// [roles]
/// text = "default"            # a bare colour sets the foreground only
/// selection = { fg = "black", bg = "#5fafff", attrs = ["bold"] }
/// [roles.killed]              # a sub-table works too
/// fg = 9
/// attrs = ["bold", "reverse"]
/// ```
/// Roles not listed take the built-in default theme's style.
public enum ThemeParser {
    static let topLevelKeys: Set<String> = ["name", "description", "roles"]
    static let styleKeys: Set<String> = ["fg", "bg", "attrs"]

    /// Parses `source`; `fallbackName` names the theme when the file has no `name`.
    /// When there are several problems the error is the first one in the file, noting how many more there are.
    public static func parse(_ source: String, fallbackName: String) throws(ThemeFileError) -> Theme {
        var source = source
        if source.unicodeScalars.first == "\u{FEFF}" { source.unicodeScalars.removeFirst() }  // editors' byte-order mark
        if let problem = TOMLPreflight.problem(in: source) { throw problem }
        let document: TOMLTable
        do {
            document = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ThemeFileError(line: error.source.begin.line, message: "TOML syntax error: \(error.description)")
        } catch {
            throw ThemeFileError(line: nil, message: "TOML syntax error: \(error)")
        }

        var context = Context(locator: TOMLLineLocator(source: source))
        var name = fallbackName
        for key in document.keys where !topLevelKeys.contains(key) {
            context.fail([key], "unknown key '\(key)' (expected name, description and [roles])")
        }
        if let value = document["name"] {
            if let text = value.string, !text.isEmpty {
                name = text
            } else {
                context.fail(["name"], "name must be a non-empty string")
            }
        }
        if let value = document["description"], value.string == nil {
            context.fail(["description"], "description must be a string")
        }

        var styles: [ThemeRole: Style] = [:]
        if let value = document["roles"] {
            if let roles = value.table {
                for key in roles.keys {
                    guard let role = ThemeRole(rawValue: key) else {
                        context.fail(["roles", key], "unknown role '\(key)' (known: \(knownRoles))")
                        continue
                    }
                    if let style = parseStyle(roles[key], role: key, context: &context) { styles[role] = style }
                }
            } else {
                context.fail(["roles"], "roles must be a table: [roles]")
            }
        }

        if let first = context.firstError { throw first }
        return Theme(name: name, styles: styles)
    }

    static var knownRoles: String { ThemeRole.allCases.map(\.rawValue).joined(separator: ", ") }

    private static func parseStyle(_ value: TOMLValueConvertible?, role: String, context: inout Context) -> Style? {
        guard let value else { return nil }
        if value.type == .string || value.type == .int {
            // A bare colour is shorthand for the foreground.
            guard let color = parseColor(value, path: ["roles", role], context: &context) else { return nil }
            return Style(fg: color)
        }
        guard let table = value.table else {
            context.fail(
                ["roles", role], "role '\(role)' must be a colour or a table like { fg = \"red\", attrs = [\"bold\"] }")
            return nil
        }
        var style = Style()
        var valid = true
        for key in table.keys where !styleKeys.contains(key) {
            context.fail(["roles", role, key], "unknown field '\(key)' in role '\(role)' (expected fg, bg, attrs)")
            valid = false
        }
        if let fg = table["fg"] {
            if let color = parseColor(fg, path: ["roles", role, "fg"], context: &context) {
                style.foreground = color
            } else {
                valid = false
            }
        }
        if let bg = table["bg"] {
            if let color = parseColor(bg, path: ["roles", role, "bg"], context: &context) {
                style.background = color
            } else {
                valid = false
            }
        }
        if let attrs = table["attrs"] {
            if let attributes = parseAttributes(attrs, path: ["roles", role, "attrs"], context: &context) {
                style.attributes = attributes
            } else {
                valid = false
            }
        }
        return valid ? style : nil
    }

    private static func parseColor(_ value: TOMLValueConvertible, path: [String], context: inout Context)
        -> TerminalColor?
    {
        let field = path.dropFirst().joined(separator: ".")
        if let number = value.int {
            if let color = TerminalColor(index: number) { return color }
            context.fail(path, "bad colour \(number) for \(field): palette indexes are 0–255")
        } else if let text = value.string {
            if let color = TerminalColor(parsing: text) { return color }
            context.fail(path, "bad colour '\(text)' for \(field) (use default, an ANSI name, 0–255 or #rrggbb)")
        } else {
            context.fail(path, "bad colour for \(field): expected a string or an integer")
        }
        return nil
    }

    private static func parseAttributes(_ value: TOMLValueConvertible, path: [String], context: inout Context)
        -> TextAttributes?
    {
        let field = path.dropFirst().joined(separator: ".")
        let words: [TOMLValueConvertible]
        if let array = value.array { words = Array(array) } else { words = [value] }
        var attributes: TextAttributes = []
        let known = TextAttributes.names.map(\.name).joined(separator: ", ")
        for word in words {
            guard let text = word.string else {
                context.fail(path, "\(field) must be a list of attribute names (\(known))")
                return nil
            }
            guard let attribute = TextAttributes(name: text) else {
                context.fail(path, "unknown attribute '\(text)' in \(field) (known: \(known))")
                return nil
            }
            attributes.insert(attribute)
        }
        return attributes
    }

    /// Collects problems with their lines so the earliest one in the file can be reported.
    private struct Context {
        let locator: TOMLLineLocator
        var errors: [ThemeFileError] = []

        mutating func fail(_ path: [String], _ message: String) {
            errors.append(ThemeFileError(line: locator.line(of: path), message: message))
        }

        var firstError: ThemeFileError? {
            let sorted = errors.enumerated().sorted { a, b in
                (a.element.line ?? .max, a.offset) < (b.element.line ?? .max, b.offset)
            }
            guard var first = sorted.first?.element else { return nil }
            if errors.count > 1 {
                let more = errors.count - 1
                first.message += " (and \(more) more problem\(more == 1 ? "" : "s"))"
            }
            return first
        }
    }
}
