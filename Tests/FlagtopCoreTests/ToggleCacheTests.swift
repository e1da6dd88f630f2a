@testable import FlagtopCore
import Testing

/// The TTL cache behind `FlagtopClient.decide`, driven with explicit clock readings.
@Suite struct ToggleCacheTests {
    let on = RoutingPlan(toggleName: "t", toggle: Fixtures.toggle("t", [("toggle", "True")]))
    let second: UInt64 = 1_000_000_000
    let tick: UInt64 = 4_000_000

    @Test func entryLivesForTheTTLPlusOneClockTickNeverLess() {
        var cache = ToggleCache(ttl: 1, clockResolution: tick)
        let t0: UInt64 = 5 * second
        cache.store("t", on, now: t0, generation: cache.generation)
        #expect(cache.plan("t", now: t0) == on)
        #expect(cache.plan("t", now: t0 + second - 1) == on)
        // A coarse reading may lag by a tick, so the entry must still be there a tick later.
        #expect(cache.plan("t", now: t0 + second + tick - 1) == on)
        #expect(cache.plan("t", now: t0 + second + tick) == nil)
        #expect(cache.decision("t", sessionID: "s", now: t0 + second + tick) == nil)
    }

    @Test func missingTogglesAreCachedToo() {
        var cache = ToggleCache(ttl: 10, clockResolution: tick)
        cache.store("typo", RoutingPlan(toggleName: "typo", toggle: nil), now: 0, generation: cache.generation)
        let d = cache.decision("typo", sessionID: "s", now: second)
        #expect(d == Decision(toggle: "typo", session: "s", variant: .old, reason: .error, errorCode: .flagNotFound))
        #expect(cache.decision("other", sessionID: "s", now: second) == nil)
    }

    @Test func decisionsNeedingTheSessionAreNotAnsweredFromTheCache() {
        var cache = ToggleCache(ttl: 10, clockResolution: tick)
        let targeted = RoutingPlan(toggleName: "p", toggle: Fixtures.toggle("p", [("toggle", "True"), ("override", "fb-user")]))
        cache.store("p", targeted, now: 0, generation: cache.generation)
        #expect(cache.decision("p", sessionID: "s", now: 1) == nil)
        #expect(cache.plan("p", now: 1) == targeted)
        // Without a session there is nothing to read: DEFAULT from the cache.
        #expect(cache.decision("p", sessionID: nil, now: 1)?.reason == .default)
    }

    @Test func removeAllForgetsAndFencesOffReadsStartedBefore() {
        var cache = ToggleCache(ttl: 10, clockResolution: tick)
        let before = cache.generation
        cache.store("t", on, now: 0, generation: before)
        cache.removeAll()
        #expect(cache.plan("t", now: 1) == nil)
        // A read that began before the invalidation may hold the old value: it must not be stored.
        cache.store("t", on, now: 1, generation: before)
        #expect(cache.plan("t", now: 2) == nil)
        cache.store("t", on, now: 1, generation: cache.generation)
        #expect(cache.plan("t", now: 2) == on)
    }

    @Test func zeroTTLStoresNothing() {
        var cache = ToggleCache(ttl: 0, clockResolution: tick)
        #expect(!cache.isEnabled)
        cache.store("t", on, now: 0, generation: cache.generation)
        #expect(cache.plan("t", now: 0) == nil)
    }

    @Test func growthIsBoundedByDroppingExpiredEntries() {
        var cache = ToggleCache(ttl: 1, clockResolution: tick)
        for i in 0..<ToggleCache.maxEntries { cache.store("old\(i)", on, now: 0, generation: cache.generation) }
        #expect(cache.count == ToggleCache.maxEntries)
        cache.store("fresh", on, now: 10 * second, generation: cache.generation)
        #expect(cache.count == 1)
        #expect(cache.plan("fresh", now: 10 * second) == on)
    }

    @Test func clockIsMonotonicAndItsResolutionSane() {
        let a = CacheClock.now()
        let b = CacheClock.now()
        #expect(b >= a)
        #expect(CacheClock.resolution >= 1_000_000 && CacheClock.resolution <= 100_000_000)
    }

    @Test func anyTTLIsAcceptedWithoutTrapping() {
        #expect(!ToggleCache(ttl: .nan).isEnabled)
        #expect(!ToggleCache(ttl: -.infinity).isEnabled)
        #expect(!ToggleCache(ttl: 0).isEnabled)
        #expect(ToggleCache(ttl: .infinity).ttlNanos == UInt64(ToggleCache.maxTTL * 1e9))
        #expect(ToggleCache(ttl: 1e300).ttlNanos == UInt64(ToggleCache.maxTTL * 1e9))
        #expect(ToggleCache(ttl: 0.5).ttlNanos == 500_000_000)
    }
}
