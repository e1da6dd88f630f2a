import FlagtopCore
import RedisClient
import FlagtopTestSupport
import Foundation
import Testing

/// Every numeric option refuses what it cannot use (`nan`, `inf`, `1e300`, the largest Int, negatives) with an
/// argument error, instead of trapping (SIGILL) in a conversion or an addition later on.
@Suite struct NumericOptionCLITests {
    static let hostileDoubles = ["nan", "inf", "-inf", "1e300", "-1", "0"]
    static let hostileInts = ["9223372036854775807", "-9223372036854775808", "-1"]

    /// (arguments before the value, option) for every numeric option of every subcommand.
    static let doubleOptions: [([String], String)] = [
        (["ping"], "--timeout"), (["toggles"], "--timeout"), (["logs", "app"], "--timeout"),
        (["logs", "app", "--follow"], "--interval"), (["dashboard"], "--interval"),
        (["simulate"], "--rate"), (["simulate"], "--error-rate"), (["simulate"], "--duration"),
        (["demo", "--headless"], "--rate"), (["demo", "--headless"], "--error-rate"), (["demo", "--headless"], "--interval"),
        (["demo", "--headless"], "--duration"),
    ]
    static let intOptions: [([String], String)] = [
        (["errors", "search"], "--offset"), (["errors", "search"], "--limit"), (["sessions"], "--limit"),
        (["toggle", "x"], "--limit"), (["audit"], "--limit"),
    ]

    @Test func outOfRangeNumbersAreArgumentErrorsNotCrashes() throws {
        // No server: validation runs before any connection, so the URL is never used.
        let url = "redis://127.0.0.1:1/0"
        var cases: [[String]] = []
        for (prefix, option) in Self.doubleOptions {
            for value in Self.hostileDoubles where !(option == "--error-rate" && (value == "0")) && !(option == "--duration" && value == "0") {
                cases.append(prefix + ["\(option)=\(value)"])
            }
        }
        for (prefix, option) in Self.intOptions {
            for value in Self.hostileInts { cases.append(prefix + ["\(option)=\(value)"]) }
        }
        for args in cases {
            let out = try CLI.run(args, url: url)
            let label = "flagtop \(args.joined(separator: " "))"
            #expect(out.status == 64, "\(label) → \(out.status): \(out.stderr.prefix(200))")
            #expect(out.stderrLines.first?.hasPrefix("Error: ") == true && out.stderr.contains("must be"), "\(label): \(out.stderr.prefix(200))")
            #expect(!out.stderr.contains("Fatal error") && !out.stderr.contains("Stack dump"), "\(label)")
        }
    }

    @Test func hugeButValidPagesWork() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.session)
        try CLI.ok(["sessions", "--limit", "100000"], server: server)
        try CLI.ok(["ping", "--timeout", "3600"], server: server)
    }
}

/// The library takes the same care: a typed error or a documented clamp, never a trap.
@Suite struct NumericLibraryArgumentTests {
    @Test func sessionListRejectsLimitsOutsideItsRange() throws {
        let server = try TestServer(search: false)
        _ = try server.redisCLI(Seeds.session)
        let store = SessionStore(settings: FlagtopSettings(endpoint: server.endpoint))
        let connection = try server.connection()
        for limit in [Int.max, Int.min, 0, -1, SessionStore.maxListLimit + 1] {
            #expect(throws: FlagtopError.invalidArgument("session limit must be from 1 to \(SessionStore.maxListLimit), got \(limit)")) {
                try store.list(limit: limit, on: connection)
            }
        }
        #expect(try store.list(limit: SessionStore.maxListLimit, on: connection).sessions.count == 1)
    }

    @Test func smallestKeysTakesAnyCount() {
        let keys: [[UInt8]] = [[3], [1], [2]]
        #expect(SmallestKeys.select(keys, count: Int.max) == [[1], [2], [3]])
        #expect(SmallestKeys.select(keys, count: Int.min).isEmpty)
    }

    @Test func settingsClampTheTimeout() {
        var settings = FlagtopSettings(endpoint: try! RedisEndpoint(url: RedisEndpoint.defaultURL))
        for (given, used) in [(Double.nan, FlagtopSettings.defaultTimeout), (.infinity, 3600), (1e300, 3600), (-1, 0.001), (0, 0.001), (2.5, 2.5)] {
            settings.timeout = given
            #expect(settings.connectionOptions(name: "t").commandTimeout == used, "\(given)")
            #expect(settings.connectionOptions(name: "t").connectTimeout == used, "\(given)")
        }
    }
}
