/// Number and duration formatting for the screen, without Foundation so it stays locale-free.
enum Format {
    /// `value` with at most `places` decimals, trailing zeros dropped: 0.25, 2, 12.5.
    static func decimal(_ value: Double, places: Int = 2) -> String {
        guard value.isFinite else { return "?" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e15 else { return value < 0 ? "-huge" : "huge" }
        let units = Int(scaled)
        let whole = units / Int(scale)
        var fraction = String(units % Int(scale))
        while fraction.count < places { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && units != 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    /// A duration in seconds, short: `<1s`, `42s`, `3m05s`, `2h07m`, `3d04h`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        if seconds < 1 { return "<1s" }
        let s = Int(seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + twoDigits(s % 60) + "s" }
        if s < 86_400 { return "\(s / 3600)h" + twoDigits(s % 3600 / 60) + "m" }
        return "\(s / 86_400)d" + twoDigits(s % 86_400 / 3600) + "h"
    }

    /// Milliseconds for the header: `0.42 ms`, `12 ms`.
    static func millis(_ ms: Double) -> String {
        ms < 10 ? decimal(ms, places: 2) + " ms" : decimal(ms, places: 0) + " ms"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
