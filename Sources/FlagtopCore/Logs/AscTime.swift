import Foundation

/// Python's `time.asctime()` format (`Sat Nov 21 19:13:45 2026`, day padded with a space), in local time.
public enum AscTime {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats unix seconds as Python's asctime would, in the local time zone.
    public static func format(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        localtime_r(&t, &parts)
        let day = parts.tm_mday < 10 ? " \(parts.tm_mday)" : "\(parts.tm_mday)"
        return "\(days[Int(parts.tm_wday)]) \(months[Int(parts.tm_mon)]) \(day) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) \(parts.tm_year + 1900)"
    }

    public static func now() -> String { format(Int(Date().timeIntervalSince1970)) }

    /// Parses an asctime string (local time) to unix seconds; nil if it is not one.
    public static func parse<S: StringProtocol>(_ text: S) -> Int? {
        var parser = AscTimeParser()
        return parser.parse(text)
    }

    /// The fields of an asctime string, not yet converted (month 0-based).
    static func fields<S: StringProtocol>(_ text: S) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5, days.contains(where: { $0 == parts[0] }), let month = months.firstIndex(where: { $0 == parts[1] }),
              let day = Int(parts[2]), let year = Int(parts[4]) else { return nil }
        let hms = parts[3].split(separator: ":")
        guard hms.count == 3, let h = Int(hms[0]), let m = Int(hms[1]), let s = Int(hms[2]) else { return nil }
        return (year, month, day, h, m, s)
    }

    /// Splits a stored entry `<asctime> <message>` into its time and message; entries without a time keep all as message.
    public static func split(_ entry: String) -> (time: String, message: String, seconds: Int?) {
        var parser = AscTimeParser()
        return split(entry, using: &parser)
    }

    /// `split(_:)` with a parser that remembers local hours already converted (for many entries at once).
    public static func split(_ entry: String, using parser: inout AscTimeParser) -> (time: String, message: String, seconds: Int?) {
        // asctime is always 24 characters for four-digit years (fewer than 24 UTF-8 bytes cannot hold 24 characters).
        guard entry.utf8.count >= 24 else { return ("", entry, nil) }
        let head = entry.prefix(24)
        guard head.count == 24, let seconds = parser.parse(head) else { return ("", entry, nil) }
        var rest = entry.dropFirst(24)
        if rest.first == " " { rest = rest.dropFirst() }
        return (String(head), String(rest), seconds)
    }

    private static func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
