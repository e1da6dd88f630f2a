/// Tiny bar charts for the toggles' error histograms.
enum Sparkline {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One bar per bucket, scaled to the largest; empty buckets are spaces. Only the last `width`
    /// buckets are drawn when there are more.
    static func render(_ buckets: [Int], width: Int) -> String {
        guard width > 0 else { return "" }
        let shown = buckets.suffix(width)
        let top = shown.max() ?? 0
        guard top > 0 else { return String(repeating: " ", count: shown.count) }
        return String(shown.map { value -> Character in
            guard value > 0 else { return " " }
            let level = min(bars.count - 1, (value * bars.count - 1) / top)
            return bars[max(0, level)]
        })
    }

    /// The cells `render` takes for a histogram of `buckets` buckets: one per bucket shown.
    static func cells(buckets: Int, width: Int) -> Int {
        width > 0 ? min(buckets, width) : 0
    }
}
