#if canImport(Darwin)
import os
#else
import Synchronization
#endif

/// The client's `ToggleCache` behind the cheapest lock the platform has (a futex-based `Mutex` on Linux, an
/// unfair lock on Darwin), so a cached `decide` never waits behind another thread's network round trip.
final class LockedToggleCache: Sendable {
    #if canImport(Darwin)
    private let lock: OSAllocatedUnfairLock<ToggleCache>
    init(_ cache: ToggleCache) { lock = OSAllocatedUnfairLock(uncheckedState: cache) }
    @inline(__always)
    func withLock<R: Sendable>(_ body: (inout ToggleCache) -> R) -> R { lock.withLockUnchecked { body(&$0) } }
    #else
    private let mutex: Mutex<ToggleCache>
    init(_ cache: ToggleCache) { mutex = Mutex(cache) }
    @inline(__always)
    func withLock<R: Sendable>(_ body: (inout ToggleCache) -> R) -> R { mutex.withLock { body(&$0) } }
    #endif
}
