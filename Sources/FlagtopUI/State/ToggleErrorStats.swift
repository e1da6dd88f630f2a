/// Errors recorded for one toggle recently: the count in the last 15 minutes and a histogram for
/// the sparkline (oldest bucket first, e.g. 15 one-minute buckets).
public struct ToggleErrorStats: Sendable, Hashable {
    public var count: Int
    public var buckets: [Int]

    public init(count: Int, buckets: [Int]) {
        self.count = count
        self.buckets = buckets
    }
}
