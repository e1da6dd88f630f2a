/// Identifies the storage of an array, for memo keys. The token holds the array, so while it lives
/// that storage can be neither freed nor changed (a write through any other copy copies it first):
/// two tokens with the same storage stand for the same elements.
struct StorageToken: @unchecked Sendable {
    // `Any` is only kept alive, never read, so sharing the token across threads is safe.
    private let keepAlive: Any
    private let address: UnsafeRawPointer?
    private let count: Int

    init<Element>(_ array: [Element]) {
        keepAlive = array
        address = array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        count = array.count
    }

    /// True when both tokens hold the same non-empty storage.
    func sameStorage(as other: StorageToken) -> Bool {
        count == other.count && count > 0 && address != nil && address == other.address
    }
}
