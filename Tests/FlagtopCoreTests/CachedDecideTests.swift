import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// `FlagtopClient.decide` with the toggle cache: what it answers without Redis, when it reads again.
@Suite struct CachedDecideTests {
    func seeded() throws -> TestServer {
        let server = try TestServer(search: false)
        _ = try server.redisCLI(["HSET", "plainOn", "toggle", "True", "releaseNum", "2.5"])
        _ = try server.redisCLI(["HSET", "half", "toggle", "True", "rollout", "50"])
        _ = try server.redisCLI(["HSET", "targeted", "toggle", "True", "override", "fb-user"])
        _ = try server.redisCLI(["HSET", "session:s1", "authType", "fb-user"])
        return server
    }

    /// Server-side count of HGETALL calls (every toggle or session read sends one).
    func hgetallCalls(_ server: TestServer) throws -> Int {
        let info = try #require(try server.run("INFO", "commandstats").string)
        guard let line = info.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("cmdstat_hgetall:") }) else { return 0 }
        let calls = line.split(separator: ",").first!.split(separator: "=").last!
        return try #require(Int(calls))
    }

    @Test func cachedDecisionsSendNothingToRedis() throws {
        let server = try seeded()
        let client = FlagtopClient(settings: Fixtures.settings(server), cacheTTL: 60)
        let first = try client.decide("plainOn", session: "s1")
        _ = try client.decide("half", session: "s1")
        _ = try client.decide("nothingHere", session: "s1")
        let before = try hgetallCalls(server)
        #expect(before >= 3)
        for i in 0..<1_000 {
            #expect(try client.decide("plainOn", session: "s1") == first)
            #expect(try client.decide("half", session: "s\(i)").reason == .split)
            #expect(try client.decide("nothingHere", session: "s1").errorCode == .flagNotFound)
        }
        #expect(try hgetallCalls(server) == before)
        // A persona toggle reads the session every time (the toggle itself stays cached): one HGETALL each.
        _ = try client.decide("targeted", session: "s1")
        let afterFirst = try hgetallCalls(server)
        for _ in 0..<5 { #expect(try client.decide("targeted", session: "s1").reason == .targetingMatch) }
        #expect(try hgetallCalls(server) == afterFirst + 5)
    }

    @Test func cachedDecisionsOutliveTheServerButSessionReadsDoNot() throws {
        let server = try seeded()
        let client = FlagtopClient(settings: Fixtures.settings(server), cacheTTL: 60)
        let on = try client.decide("plainOn", session: "s1")
        let split = try client.decide("half", session: "4156e021:1234")
        _ = try client.decide("targeted", session: "s1")
        server.process.crash()
        #expect(try client.decide("plainOn", session: "s1") == on)
        #expect(on == Decision(toggle: "plainOn", session: "s1", variant: .new, reason: .static))
        #expect(try client.decide("half", session: "4156e021:1234") == split)
        #expect(split.bucket == RolloutBucket.bucket(toggle: "half", stickinessID: "4156e021:1234"))
        #expect(try client.decide("targeted", session: nil).reason == .default)
        #expect(throws: FlagtopError.self) { try client.decide("targeted", session: "s1") }
        #expect(throws: FlagtopError.self) { try client.decide("neverSeen", session: "s1") }
    }

    @Test func missingToggleStaysMissingUntilInvalidated() throws {
        let server = try seeded()
        let client = FlagtopClient(settings: Fixtures.settings(server), cacheTTL: 60)
        #expect(try client.decide("brandNew", session: "s1").errorCode == .flagNotFound)
        _ = try server.redisCLI(["HSET", "brandNew", "toggle", "True"])
        #expect(try client.decide("brandNew", session: "s1").errorCode == .flagNotFound)
        client.invalidateCache()
        #expect(try client.decide("brandNew", session: "s1") == Decision(toggle: "brandNew", session: "s1", variant: .new, reason: .static))
    }

    @Test func fastPathEntryExpiresAfterTheTTLNotBefore() throws {
        let server = try seeded()
        let ttl = 0.3
        let client = FlagtopClient(settings: Fixtures.settings(server), cacheTTL: ttl)
        let cachedAt = ContinuousClock.now
        #expect(try client.isEnabled("plainOn", session: "s1"))
        _ = try server.redisCLI(["HSET", "plainOn", "toggle", "False"])
        var changedAt: ContinuousClock.Instant?
        while ContinuousClock.now - cachedAt < .seconds(ttl + 2) {
            let d = try client.decide("plainOn", session: "s1")
            if d.reason == .disabled { changedAt = .now; break }
            #expect(d.reason == .static)
            usleep(5_000)
        }
        let changed = try #require(changedAt, "the cached value never expired")
        #expect(changed - cachedAt >= .milliseconds(Int(ttl * 1000)))
    }

    @Test func sharedBetweenThreadsWhileInvalidating() throws {
        let server = try seeded()
        let client = FlagtopClient(settings: Fixtures.settings(server), cacheTTL: 60)
        let done = NSCondition()
        let wrong = Counter(), finished = Counter()
        let workers = 3
        for w in 0..<workers {
            Thread {
                for i in 0..<20_000 {
                    let session = "w\(w)-\(i % 7)"
                    let d = try? client.decide("plainOn", session: session)
                    if d != Decision(toggle: "plainOn", session: session, variant: .new, reason: .static) { wrong.add() }
                    if i % 5_000 == 0 { client.invalidateCache() }
                }
                done.lock(); finished.add(); done.signal(); done.unlock()
            }.start()
        }
        done.lock()
        let deadline = Date().addingTimeInterval(60)
        while finished.value < workers && Date() < deadline { _ = done.wait(until: deadline) }
        done.unlock()
        #expect(finished.value == workers)
        #expect(wrong.value == 0)
    }
}

/// A thread-safe counter for the threaded test.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
