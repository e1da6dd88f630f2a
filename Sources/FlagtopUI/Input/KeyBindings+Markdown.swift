/// The README's key list, generated from the binding table.
extension KeyBindings {
    /// A Markdown table of every binding: keys, where they work, what they do.
    ///
    /// ```
    /// | Keys | Where | Does |
    /// |---|---|---|
    /// | `Tab` | main screen | focus the next pane |
    /// ```
    public static func markdownTable() -> String {
        var lines = ["| Keys | Where | Does |", "|---|---|---|"]
        for binding in all {
            let keys = binding.keys.isEmpty
                ? binding.label
                : binding.keys.map { "`\(markdownSafe($0.label))`" }.joined(separator: ", ")
            let scopes = binding.scopes.map(\.label).joined(separator: ", ")
            let note = binding.dangerous ? " (writes to Redis; off when read-only)" : ""
            lines.append("| \(keys) | \(markdownSafe(scopes)) | \(markdownSafe(binding.description))\(note) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func markdownSafe(_ text: String) -> String {
        var out = ""
        for c in text { if c == "|" { out += "\\|" } else { out.append(c) } }
        return out
    }
}
