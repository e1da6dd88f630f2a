import RedisClient

/// Per-toggle error counts over a sliding window (default 15 minutes in 1-minute buckets), kept up to date
/// incrementally from the ZSET by time: each refresh asks only for ids newer than the last one seen, at most
/// `batchLimit` of them, so the cost per refresh is bounded however many errors there are.
public struct ErrorStatsTracker: Sendable {
    public let timeKey: String
    public var windowSeconds: Int
    public var bucketSeconds: Int
    public var batchLimit: Int
    /// toggle → bucket start (unix seconds) → count.
    private var buckets: [String: [Int: Int]] = [:]
    private var lastScore: Double?
    /// Ids already counted at exactly `lastScore` (ties), so the inclusive range never counts twice.
    private var idsAtLastScore: Set<String> = []

    public init(timeKey: String, windowSeconds: Int = 900, bucketSeconds: Int = 60, batchLimit: Int = 2000) {
        self.timeKey = timeKey
        self.windowSeconds = windowSeconds
        self.bucketSeconds = bucketSeconds
        self.batchLimit = batchLimit
    }

    /// The ZRANGEBYSCORE for this refresh.
    public func command(now: Double) -> RedisCommand {
        let from = lastScore ?? (now - Double(windowSeconds))
        return RedisCommand("ZRANGEBYSCORE", timeKey, from, "+inf", "WITHSCORES", "LIMIT", 0, batchLimit)
    }

    /// Counts what the command returned. Ids are `<toggle>:<date>[-n]`, so the toggle is the part before the last colon.
    public mutating func absorb(_ reply: RedisReply, now: Double) {
        guard case let .array(items) = reply else { return }
        var i = 0
        var newestScore = lastScore
        var newestIds: Set<String> = lastScore.map { _ in idsAtLastScore } ?? []
        while i + 1 < items.count {
            defer { i += 2 }
            guard let idBytes = items[i].bytes, let score = items[i + 1].string.flatMap(Double.init) else { continue }
            let id = RedisBytes.decode(idBytes)
            if score == lastScore && idsAtLastScore.contains(id) { continue }
            if let colon = id.lastIndex(of: ":") {
                let toggle = String(id[..<colon])
                let bucket = Int(score) / bucketSeconds * bucketSeconds
                buckets[toggle, default: [:]][bucket, default: 0] += 1
            }
            if newestScore == nil || score > newestScore! { newestScore = score; newestIds = [id] }
            else if score == newestScore { newestIds.insert(id) }
        }
        if newestScore != lastScore || newestScore == nil {
            lastScore = newestScore ?? (now - Double(windowSeconds))
        }
        idsAtLastScore = newestIds
        prune(now: now)
    }

    private mutating func prune(now: Double) {
        let oldest = (Int(now) - windowSeconds) / bucketSeconds * bucketSeconds
        for (toggle, counts) in buckets {
            let kept = counts.filter { $0.key >= oldest }
            buckets[toggle] = kept.isEmpty ? nil : kept
        }
    }

    /// The count in the window and the per-bucket series (oldest first) for one toggle.
    public func stats(for toggle: String, now: Double) -> (count: Int, series: [Int]) {
        let counts = buckets[toggle] ?? [:]
        let bucketCount = windowSeconds / bucketSeconds
        let current = Int(now) / bucketSeconds * bucketSeconds
        var series: [Int] = []
        for k in stride(from: bucketCount - 1, through: 0, by: -1) {
            series.append(counts[current - k * bucketSeconds] ?? 0)
        }
        return (series.reduce(0, +), series)
    }

    /// Toggles with errors in the window.
    public var toggles: [String] { Array(buckets.keys) }
}
