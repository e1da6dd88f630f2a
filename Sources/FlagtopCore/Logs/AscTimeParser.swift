import Foundation

/// Converts asctime strings (local time) to unix seconds, calling `mktime` once per local hour it meets
/// instead of once per string: glibc's `mktime` re-reads the time zone's state on every call, which made
/// decoding a screenful of log lists cost milliseconds. Minutes and seconds are added to the hour's start,
/// which is exact wherever offsets change on the hour.
public struct AscTimeParser: Sendable {
    private var hourStarts: [Int: Int] = [:]

    public init() {}

    public mutating func parse<S: StringProtocol>(_ text: S) -> Int? {
        guard let f = AscTime.fields(text), [f.year, f.day, f.hour, f.minute, f.second].allSatisfy({ abs($0) < 1_000_000_000 }) else { return nil }
        // Only ordinary calendar fields are remembered, so distinct hours never share a key.
        let cacheable = (1...31).contains(f.day) && (0...23).contains(f.hour)
        let hourKey = ((f.year * 100 + f.month) * 100 + f.day) * 100 + f.hour
        let start: Int
        if cacheable, let known = hourStarts[hourKey] {
            start = known
        } else {
            var t = tm()
            t.tm_year = Int32(clamping: f.year - 1900)
            t.tm_mon = Int32(clamping: f.month)
            t.tm_mday = Int32(clamping: f.day)
            t.tm_hour = Int32(clamping: f.hour)
            t.tm_isdst = -1
            let result = mktime(&t)
            guard result != -1 else { return nil }
            start = Int(result)
            if hourStarts.count > 4096 { hourStarts.removeAll(keepingCapacity: true) }
            if cacheable { hourStarts[hourKey] = start }
        }
        let (withMinutes, o1) = f.minute.multipliedReportingOverflow(by: 60)
        let (sum1, o2) = start.addingReportingOverflow(withMinutes)
        let (sum2, o3) = sum1.addingReportingOverflow(f.second)
        return o1 || o2 || o3 ? nil : sum2
    }
}
