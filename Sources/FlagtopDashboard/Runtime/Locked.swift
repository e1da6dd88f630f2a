import Foundation

/// A value shared between the UI thread and a worker thread, guarded by a lock.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func get() -> Value { lock.withLock { value } }
    public func set(_ newValue: Value) { lock.withLock { value = newValue } }

    @discardableResult
    public func update<R>(_ body: (inout Value) -> R) -> R { lock.withLock { body(&value) } }
}
