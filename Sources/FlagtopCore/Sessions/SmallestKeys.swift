/// The `count` smallest keys in byte order, without sorting them all: O(n log count) instead of O(n log n),
/// which matters when the scan knows 100,000 sessions and the pane shows 200.
public enum SmallestKeys {
    public static func select<S: Sequence>(_ keys: S, count: Int) -> [[UInt8]] where S.Element == [UInt8] {
        guard count > 0 else { return [] }
        var kept: [[UInt8]] = []
        // Any count is valid (Int.max means all of them), so reserve for what a page realistically holds.
        kept.reserveCapacity(min(count, 4096) + 1)
        for key in keys {
            if kept.count == count, let last = kept.last, !key.lexicographicallyPrecedes(last) { continue }
            // Binary search for the insertion point keeps `kept` sorted.
            var low = 0, high = kept.count
            while low < high {
                let mid = (low + high) / 2
                if kept[mid].lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
            }
            kept.insert(key, at: low)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }
}
