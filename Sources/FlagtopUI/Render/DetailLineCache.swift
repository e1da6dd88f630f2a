import Foundation

/// The last detail view's wrapped lines, keyed by a hash of everything they were built from.
final class DetailLineCache: @unchecked Sendable {
    static let shared = DetailLineCache()

    private let lock = NSLock()
    private var entry: (key: Int, lines: [StyledLine])?

    func lines(for key: Int) -> [StyledLine]? {
        lock.withLock { entry?.key == key ? entry?.lines : nil }
    }

    func store(_ lines: [StyledLine], for key: Int) {
        lock.withLock { entry = (key, lines) }
    }
}
