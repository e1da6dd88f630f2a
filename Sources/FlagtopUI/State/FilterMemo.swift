import Foundation

/// The last result of filtering one long array, so a pane's filter runs once per refresh instead of
/// once per frame and key press. Keyed by the source array's storage (`StorageToken`), so
/// `rows(of:key:filter:)` stays a pure function of its inputs.
final class FilterMemo<Element: Sendable>: @unchecked Sendable {
    /// Shorter arrays are filtered every time: cheaper than remembering them.
    static var minimumCount: Int { 256 }

    private let lock = NSLock()
    private var entry: (source: StorageToken, key: String, rows: [Element])?

    /// `filter(source)`, remembered for this `source` storage and `key` (everything else the filter depends on).
    func rows(of source: [Element], key: String, filter: ([Element]) -> [Element]) -> [Element] {
        guard source.count >= Self.minimumCount else { return filter(source) }
        let token = StorageToken(source)
        let hit: [Element]? = lock.withLock {
            guard let entry, entry.key == key, entry.source.sameStorage(as: token) else { return nil }
            return entry.rows
        }
        if let hit { return hit }
        let rows = filter(source)
        lock.withLock { entry = (token, key, rows) }
        return rows
    }
}
