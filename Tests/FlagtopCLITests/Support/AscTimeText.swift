import Foundation

/// Python's asctime for "now", formatted here with Foundation (not flagtop's code).
enum AscTimeText {
    static func now() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = .current
        f.dateFormat = "EEE MMM d HH:mm:ss yyyy"
        let parts = f.string(from: Date()).split(separator: " ")
        let day = parts[2].count == 1 ? " " + parts[2] : String(parts[2])
        return "\(parts[0]) \(parts[1]) \(day) \(parts[3]) \(parts[4])"
    }
}
