/// Log severities as the seeds' `SEVERITY` table maps them (docs/data-layout.md, "Recent logs").
public enum Severity {
    /// The five standard names, lowest first.
    public static let standard = ["debug", "info", "warning", "error", "critical"]

    /// `10/20/30/40/50`, their upper-case names, or anything else lower-cased and used as is.
    public static func normalize(_ raw: String) -> String {
        switch raw.trimmingSpaces {
        case "10", "DEBUG": return "debug"
        case "20", "INFO": return "info"
        case "30", "WARNING", "WARN": return "warning"
        case "40", "ERROR": return "error"
        case "50", "CRITICAL", "FATAL": return "critical"
        default: return raw.trimmingSpaces.lowercased()
        }
    }

    /// Rank for filtering "this severity and above"; unknown severities rank as info.
    public static func rank(_ severity: String) -> Int {
        standard.firstIndex(of: severity) ?? 1
    }
}
