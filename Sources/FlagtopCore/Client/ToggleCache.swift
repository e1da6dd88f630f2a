/// A small TTL cache of parsed toggles (`RoutingPlan`s) for `FlagtopClient.decide`; a TTL of 0 disables it.
/// Missing toggles are cached too, so a typo'd name does not cost a round trip per call.
///
/// Times are `CacheClock` nanoseconds passed in by the caller (tests pass their own). An entry stored at `now`
/// is served while the clock reads less than `now + ttl + clock resolution`: never dropped before the TTL.
struct ToggleCache: Sendable {
    struct Entry: Sendable {
        var plan: RoutingPlan
        var expires: UInt64
    }

    /// Above this many entries a store first drops the expired ones (and everything if that is not enough),
    /// so an application deciding ever-new names cannot grow the cache without bound.
    static let maxEntries = 4_096

    let ttlNanos: UInt64
    private let slack: UInt64
    private var entries: [String: Entry] = [:]
    /// Bumped by `removeAll`; a fetch that started before an invalidation must not store its (older) result.
    private(set) var generation: UInt64 = 0

    /// The longest TTL: a larger one (up to infinity) is cut to this, so the conversion to nanoseconds cannot trap.
    static let maxTTL = 365.0 * 86_400

    /// `ttl` in seconds; 0, a negative number or NaN disables the cache, more than `maxTTL` means `maxTTL`.
    init(ttl: Double, clockResolution: UInt64 = CacheClock.resolution) {
        ttlNanos = ttl > 0 ? UInt64((min(ttl, Self.maxTTL) * 1e9).rounded()) : 0
        slack = clockResolution
    }

    var isEnabled: Bool { ttlNanos > 0 }
    var count: Int { entries.count }

    /// The cached plan of `name`, nil when absent or expired at `now`.
    func plan(_ name: String, now: UInt64) -> RoutingPlan? {
        guard let entry = entries[name], now < entry.expires else { return nil }
        return entry.plan
    }

    /// The decision straight from the cache, nil when `name` is not cached or the decision needs the session
    /// HASH of `sessionID`. The fast path of `decide`: one lookup, no copies of the plan.
    func decision(_ name: String, sessionID: String?, now: UInt64) -> Decision? {
        guard let entry = entries[name], now < entry.expires else { return nil }
        if sessionID != nil && entry.plan.needsSession { return nil }
        return entry.plan.decide(session: nil, sessionID: sessionID)
    }

    /// Caches `plan` as read at `now` (taken before the read was sent), unless the cache was cleared since
    /// `generation` was read.
    mutating func store(_ name: String, _ plan: RoutingPlan, now: UInt64, generation: UInt64) {
        guard isEnabled, generation == self.generation else { return }
        if entries.count >= Self.maxEntries && entries[name] == nil {
            entries = entries.filter { now < $0.value.expires }
            if entries.count >= Self.maxEntries { entries.removeAll() }
        }
        entries[name] = Entry(plan: plan, expires: now &+ ttlNanos &+ slack)
    }

    mutating func removeAll() {
        entries.removeAll()
        generation &+= 1
    }
}
