import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// The application library: decide/isEnabled (with and without the toggle cache), reportError and log.
@Suite struct FlagtopClientTests {
    func seeded(search: Bool = true) throws -> TestServer {
        let server = try TestServer(search: search)
        try server.redisCLI(Seeds.toggle)
        try server.redisCLI(Seeds.session)
        return server
    }

    @Test func decideWithoutCacheSeesEveryChange() throws {
        let server = try seeded()
        let client = FlagtopClient(settings: Fixtures.settings(server))
        let d = try client.decide("useNewAlgorithm", session: "4156e021:1234")
        #expect(d == Decision(toggle: "useNewAlgorithm", session: "4156e021:1234", variant: .new, reason: .targetingMatch))
        #expect(try client.isEnabled("useNewAlgorithm", session: "4156e021:1234"))
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "False"])
        #expect(try client.decide("useNewAlgorithm", session: "4156e021:1234").reason == .disabled)
        #expect(try !client.isEnabled("useNewAlgorithm", session: "4156e021:1234"))
    }

    @Test func decideForUnknownSessionAndToggle() throws {
        let server = try seeded()
        let client = FlagtopClient(settings: Fixtures.settings(server))
        #expect(try client.decide("useNewAlgorithm", session: "nobody").reason == .default)
        #expect(try client.decide("useNewAlgorithm", session: nil).reason == .default)
        let missing = try client.decide("noSuchToggle", session: "4156e021:1234")
        #expect(missing.errorCode == .flagNotFound)
        #expect(missing.variant == .old)
    }

    @Test func cachedToggleHoldsUntilTTLThenChanges() throws {
        let server = try seeded()
        let ttl = 0.4
        let client = FlagtopClient(settings: Fixtures.settings(server), cacheTTL: ttl)
        let cachedAt = ContinuousClock.now
        #expect(try client.isEnabled("useNewAlgorithm", session: "4156e021:1234"))
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "False"])
        // Still the cached value right after the change.
        #expect(try client.isEnabled("useNewAlgorithm", session: "4156e021:1234"))
        // The session is still read live: a persona change shows at once.
        _ = try server.redisCLI(["HSET", "session:4156e021:1234", "authType", "google-user"])
        #expect(try client.decide("useNewAlgorithm", session: "4156e021:1234").reason == .default)
        _ = try server.redisCLI(["HSET", "session:4156e021:1234", "authType", "fb-user"])
        var changedAt: ContinuousClock.Instant?
        while ContinuousClock.now - cachedAt < .seconds(ttl + 2) {
            if try !client.isEnabled("useNewAlgorithm", session: "4156e021:1234") { changedAt = .now; break }
            usleep(20_000)
        }
        let changed = try #require(changedAt, "the cached value never expired")
        #expect(changed - cachedAt >= .milliseconds(Int(ttl * 1000)))
        #expect(try client.decide("useNewAlgorithm", session: "4156e021:1234").reason == .disabled)
    }

    @Test func invalidateCacheReadsAgain() throws {
        let server = try seeded()
        let client = FlagtopClient(settings: Fixtures.settings(server), cacheTTL: 60)
        #expect(try client.isEnabled("useNewAlgorithm", session: "4156e021:1234"))
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "False"])
        #expect(try client.isEnabled("useNewAlgorithm", session: "4156e021:1234"))
        client.invalidateCache()
        #expect(try !client.isEnabled("useNewAlgorithm", session: "4156e021:1234"))
    }

    @Test func reportErrorFillsToggleContext() throws {
        let server = try seeded()
        let client = FlagtopClient(settings: Fixtures.settings(server))
        let id = try client.reportError(toggle: "useNewAlgorithm", exception: "java.lang.NullPointerException at Checkout.java:42", session: "4156e021:1234")
        #expect(id.hasPrefix("useNewAlgorithm:"))
        let doc = try server.hash(id)
        #expect(doc["toggleName"] == "useNewAlgorithm")
        #expect(doc["toggleValue"] == "True")
        #expect(doc["fingerPrint"] == "John S")
        #expect(doc["releaseNum"] == "2.5")
        #expect(doc["sessionId"] == "4156e021:1234")
        #expect(doc["exceptionBody"] == "java.lang.NullPointerException at Checkout.java:42")
        let found = try server.run("FT.SEARCH", "toggle_errors_db", "NullPointerException").array
        #expect(found?.first?.int == 1)
        #expect(found?[1].string == id)
    }

    @Test func reportErrorWithoutSearchModule() throws {
        let server = try seeded(search: false)
        let client = FlagtopClient(settings: Fixtures.settings(server))
        let id = try client.reportError(toggle: "useNewAlgorithm", exception: "boom")
        #expect(try server.hash(id)["exceptionBody"] == "boom")
        #expect(try server.run("ZSCORE", "flagtop:errtime:toggle_errors_db", id).isNull == false)
    }

    @Test func logWritesTheSeedsLayout() throws {
        let server = try seeded()
        let client = FlagtopClient(settings: Fixtures.settings(server))
        let before = Int(Date().timeIntervalSince1970)
        try client.log("checkout", "order 17 served", severity: "40")
        try client.log("checkout", "order 18 served")
        let errors = try server.run("LRANGE", "recent:checkout:error", 0, -1).array?.compactMap(\.string) ?? []
        let infos = try server.run("LRANGE", "recent:checkout:info", 0, -1).array?.compactMap(\.string) ?? []
        #expect(errors.count == 1)
        #expect(infos.count == 1)
        let entry = try #require(errors.first)
        #expect(entry.hasSuffix(" order 17 served"))
        let stamp = try #require(AscTime.parse(entry.prefix(24)))
        #expect(abs(stamp - before) <= 2)
        #expect(infos.first?.dropFirst(25) == "order 18 served")
    }
}

/// The library never decides from an unreadable session as if it were missing.
@Suite struct FlagtopClientSessionErrorTests {
    @Test func unreadableSessionThrowsInsteadOfDecidingOld() throws {
        let server = try TestServer(search: false)
        try server.run("HSET", "useNewAlgorithm", "toggle", "True", "override", "fb-user")
        try server.run("HSET", "session:s1", "authType", "fb-user")
        try server.run("ACL", "SETUSER", "app", "on", ">app-pw", "~useNewAlgorithm", "~flagtop:*", "&*", "+@all")
        let url = server.url.replacingOccurrences(of: "unix://", with: "unix://app:app-pw@")
        for ttl in [0, 30.0] {
            let client = try FlagtopClient(url: url, cacheTTL: ttl)
            var caught: FlagtopError?
            do { _ = try client.decide("useNewAlgorithm", session: "s1") } catch { caught = error }
            #expect(caught?.description.contains("denied by the Redis ACL") == true, "cacheTTL \(ttl): \(String(describing: caught))")
        }
    }
}
