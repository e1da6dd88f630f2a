import Synchronization

/// A value shared between threads, as a reference: a `Synchronization.Mutex` in a box, for code that
/// cannot hold a `Mutex` (which cannot be copied) itself. New code uses `Mutex` directly; this remains
/// for the writer and the CLI's demo until they move.
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) { mutex = Mutex(value) }

    public func get() -> Value { mutex.withLock { $0 } }
    public func set(_ newValue: Value) { mutex.withLock { $0 = newValue } }

    @discardableResult
    public func update<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}
