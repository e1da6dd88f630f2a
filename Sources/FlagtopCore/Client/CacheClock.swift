#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic nanoseconds for the toggle cache's expiry times, from the cheapest monotonic clock: on Linux
/// CLOCK_MONOTONIC_COARSE, a few ns per read instead of ~25 for a precise read, at the price of ticking only
/// every `resolution` ns (typically 1–4 ms). The cache adds that resolution to every expiry, so an entry is
/// never dropped early and lives at most two ticks past its TTL. Time while the machine sleeps is not counted.
enum CacheClock {
    #if os(Linux)
    private static let clock = CLOCK_MONOTONIC_COARSE
    #else
    private static let clock = CLOCK_MONOTONIC
    #endif

    @inline(__always)
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// How far `now()` may lag the precise monotonic time, in ns (at least 1 ms, to be safe on odd kernels).
    static let resolution: UInt64 = {
        var ts = timespec()
        guard clock_getres(clock, &ts) == 0 else { return 10_000_000 }
        return max(UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec), 1_000_000)
    }()
}
