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
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5, days.contains(String(parts[0])), let month = months.firstIndex(of: String(parts[1])),
              let day = Int(parts[2]), let year = Int(parts[4]) else { return nil }
        let hms = parts[3].split(separator: ":")
        guard hms.count == 3, let h = Int(hms[0]), let m = Int(hms[1]), let s = Int(hms[2]) else { return nil }
        var t = tm()
        t.tm_year = Int32(year - 1900)
        t.tm_mon = Int32(month)
        t.tm_mday = Int32(day)
        t.tm_hour = Int32(h)
        t.tm_min = Int32(m)
        t.tm_sec = Int32(s)
        t.tm_isdst = -1
        let result = mktime(&t)
        return result == -1 ? nil : Int(result)
    }

    /// Splits a stored entry `<asctime> <message>` into its time and message; entries without a time keep all as message.
    public static func split(_ entry: String) -> (time: String, message: String, seconds: Int?) {
        // asctime is always 24 characters for four-digit years.
        guard entry.count >= 24 else { return ("", entry, nil) }
        let head = entry.prefix(24)
        guard let seconds = parse(head) else { return ("", entry, nil) }
        var rest = entry.dropFirst(24)
        if rest.first == " " { rest = rest.dropFirst() }
        return (String(head), String(rest), seconds)
    }

    private static func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
