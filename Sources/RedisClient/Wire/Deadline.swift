import Glibc

/// When an operation must be done: a command's whole exchange (every write and read of it) shares one
/// deadline, so a server that trickles a byte at a time cannot stretch a command past its timeout.
struct Deadline {
    /// nil: wait as long as it takes (a command timeout of 0).
    let instant: ContinuousClock.Instant?
    /// True for "do not wait at all" (polling for replies that may already be there).
    let isImmediate: Bool

    static let never = Deadline(instant: nil, isImmediate: false)
    static let immediate = Deadline(instant: nil, isImmediate: true)

    /// `seconds` from now; 0 or less means no limit, as hiredis's `redisSetTimeout` treated it.
    static func after(seconds: Double) -> Deadline {
        guard seconds > 0, seconds.isFinite else { return .never }
        let nanos = min(seconds, 1e9) * 1e9
        return Deadline(instant: ContinuousClock.now.advanced(by: .nanoseconds(Int64(nanos))), isImmediate: false)
    }

    var hasPassed: Bool {
        if isImmediate { return true }
        guard let instant else { return false }
        return ContinuousClock.now >= instant
    }

    /// The `poll` timeout in milliseconds: -1 forever, 0 now, else the time left rounded up.
    var pollMilliseconds: Int32 {
        if isImmediate { return 0 }
        guard let instant else { return -1 }
        let left = ContinuousClock.now.duration(to: instant)
        if left <= .zero { return 0 }
        let millis = left.components.seconds * 1000 + (left.components.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(1, millis))
    }

    /// Waits until `fd` is ready for `events` (POLLIN/POLLOUT) or the deadline passes; true when ready.
    func wait(fd: Int32, events: Int16) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let ready = poll(&entry, 1, pollMilliseconds)
            if ready > 0 { return true }
            if ready == 0 { return false }
            if errno != EINTR { return true }  // let the following I/O call report the error
        }
    }
}
