/// The recent-logs pane's severity filter, cycled with `s`: all entries, or one severity and above.
/// Entries with a severity outside the five known names show only under `.all`.
public enum LogSeverityFilter: Int, Sendable, Hashable, CaseIterable {
    case all = 0
    case debug = 10
    case info = 20
    case warning = 30
    case error = 40
    case critical = 50

    /// The next filter in the cycle all → debug → … → critical → all.
    public var next: LogSeverityFilter {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    public var label: String {
        switch self {
        case .all: "all"
        case .debug: "debug+"
        case .info: "info+"
        case .warning: "warning+"
        case .error: "error+"
        case .critical: "critical"
        }
    }

    /// Whether an entry of this severity name shows.
    public func admits(_ severity: String) -> Bool {
        if self == .all { return true }
        guard let level = Self.level(of: severity) else { return false }
        return level >= rawValue
    }

    /// 10…50 for the five known names (any case), nil otherwise.
    public static func level(of severity: String) -> Int? {
        // Matched without lowering a copy when the name is one of the five in any case (thousands of lines a frame).
        if severity.utf8.count <= 8, let known = knownLevel(severity) { return known }
        return switch severity.lowercased() {
        case "debug": 10
        case "info": 20
        case "warning": 30
        case "error": 40
        case "critical": 50
        default: nil
        }
    }

    private static let knownNames: [(String, Int)] = [("debug", 10), ("info", 20), ("warning", 30), ("error", 40), ("critical", 50)]

    /// The level of an ASCII name equal to one of the five ignoring case, else nil (then `level` lowers it).
    private static func knownLevel(_ severity: String) -> Int? {
        for (name, level) in knownNames
        where name.utf8.count == severity.utf8.count
            && zip(name.utf8, severity.utf8).allSatisfy({ $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }) {
            return level
        }
        return nil
    }
}
