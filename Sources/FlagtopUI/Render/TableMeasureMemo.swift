import Foundation

/// The column measurements of each pane's table (`TableView.measure`), remembered for the rows they
/// were taken from: measuring hundreds of rows every frame would cost more than drawing them.
/// Entries are keyed by the rows' storage (`StorageToken`) and the columns' shape, so a hit always
/// equals a fresh measurement.
final class TableMeasureMemo: @unchecked Sendable {
    static let shared = TableMeasureMemo()

    /// Which table, and the rows its cells are built from.
    struct Key {
        var table: String
        var rows: StorageToken
        /// Columns whose cells depend on more than those rows (measured every time).
        var live: Set<Int> = []
    }

    private struct Entry {
        var rows: StorageToken
        var shape: [Int]
        var widest: [Int?]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    func widest(_ key: Key, shape: [Int]) -> [Int?]? {
        lock.withLock {
            guard let entry = entries[key.table], entry.shape == shape, entry.rows.sameStorage(as: key.rows) else { return nil }
            return entry.widest
        }
    }

    func store(_ widest: [Int?], for key: Key, shape: [Int]) {
        lock.withLock { entries[key.table] = Entry(rows: key.rows, shape: shape, widest: widest) }
    }
}
