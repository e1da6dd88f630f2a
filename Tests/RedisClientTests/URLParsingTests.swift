import Testing
import FlagtopTestSupport

/// `RedisEndpoint(url:)`: the accepted forms, their defaults, and clear errors for the rest.
@Suite struct URLParsingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var expected: RedisEndpoint
        var testDescription: String { url }
    }

    static let valid: [Case] = [
        Case(url: "redis://example.com:6380/2", expected: .init(address: .tcp(host: "example.com", port: 6380), database: 2)),
        Case(url: "redis://example.com", expected: .init(address: .tcp(host: "example.com", port: 6379), database: 0)),
        Case(url: "redis://", expected: .init(address: .tcp(host: "127.0.0.1", port: 6379), database: 0)),
        Case(url: "redis://:6390", expected: .init(address: .tcp(host: "127.0.0.1", port: 6390))),
        Case(url: "redis:///4", expected: .init(address: .tcp(host: "127.0.0.1", port: 6379), database: 4)),
        Case(url: "  REDIS://Cache.Local:7000/15  ", expected: .init(address: .tcp(host: "Cache.Local", port: 7000), database: 15)),
        Case(url: "redis://alice:pw@10.0.0.5:6379/1",
             expected: .init(address: .tcp(host: "10.0.0.5", port: 6379), username: "alice", password: "pw", database: 1)),
        Case(url: "redis://:only-pw@host:1/0", expected: .init(address: .tcp(host: "host", port: 1), password: "only-pw")),
        // The legacy form without a colon is a password, as the parser documents.
        Case(url: "redis://legacy-pw@host", expected: .init(address: .tcp(host: "host", port: 6379), password: "legacy-pw")),
        Case(url: "redis://[::1]:6380/3", expected: .init(address: .tcp(host: "::1", port: 6380), database: 3)),
        Case(url: "redis://[::1]", expected: .init(address: .tcp(host: "::1", port: 6379))),
        Case(url: "redis://bob:x@[2001:db8::7]:6000/0",
             expected: .init(address: .tcp(host: "2001:db8::7", port: 6000), username: "bob", password: "x")),
        Case(url: "unix:///run/redis/redis.sock", expected: .init(address: .unix(path: "/run/redis/redis.sock"))),
        Case(url: "unix:///tmp/r.sock?db=5", expected: .init(address: .unix(path: "/tmp/r.sock"), database: 5)),
        Case(url: "redis+unix:///tmp/r.sock?db=2", expected: .init(address: .unix(path: "/tmp/r.sock"), database: 2)),
        Case(url: "unix://carol:pw@/tmp/r.sock?db=7",
             expected: .init(address: .unix(path: "/tmp/r.sock"), username: "carol", password: "pw", database: 7)),
        Case(url: "unix:///tmp/r.sock?password=p%26w&user=dave&db=1",
             expected: .init(address: .unix(path: "/tmp/r.sock"), username: "dave", password: "p&w", database: 1)),
        // %-escapes in user info: @ : / % and a UTF-8 letter.
        Case(url: "redis://al%40ice:p%40ss%3Aw%2Fd%25%C3%A9@host:6379/0",
             expected: .init(address: .tcp(host: "host", port: 6379), username: "al@ice", password: "p@ss:w/d%é")),
        // An unescaped @ in the password still works: the last @ ends the user info.
        Case(url: "redis://u:p@ss@host:6379", expected: .init(address: .tcp(host: "host", port: 6379), username: "u", password: "p@ss")),
    ]

    @Test(arguments: valid)
    func parsesValidURL(_ c: Case) throws {
        let endpoint = try RedisEndpoint(url: c.url)
        #expect(endpoint == c.expected)
    }

    @Test func defaultURLConstantParsesToTheDefaults() throws {
        let endpoint = try RedisEndpoint(url: RedisEndpoint.defaultURL)
        #expect(endpoint == RedisEndpoint(address: .tcp(host: "127.0.0.1", port: 6379), database: 0))
        #expect(endpoint.username == nil && endpoint.password == nil)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var url: String
        /// A word the message must contain, so the user knows what to fix.
        var hint: String
        var testDescription: String { url }
    }

    static let malformed: [Bad] = [
        Bad(url: "redis://host:notaport/0", hint: "port"),
        Bad(url: "redis://host:0", hint: "port"),
        Bad(url: "redis://host:65536", hint: "port"),
        Bad(url: "redis://host:-1", hint: "port"),
        Bad(url: "redis://host:/0", hint: "port"),
        Bad(url: "redis://[::1]:99999", hint: "port"),
        Bad(url: "redis://host/abc", hint: "database"),
        Bad(url: "redis://host/-1", hint: "database"),
        Bad(url: "redis://host/1/2", hint: "database"),
        Bad(url: "unix:///tmp/r.sock?db=x", hint: "db"),
        Bad(url: "unix:///tmp/r.sock?db=-3", hint: "db"),
        Bad(url: "http://host:6379", hint: "scheme"),
        Bad(url: "rediss://host:abc", hint: "port"),
        Bad(url: "redis+sentinel://s1:26379", hint: "master"),
        Bad(url: "unix://relative/path.sock", hint: "absolute path"),
        Bad(url: "unix://", hint: "absolute path"),
        Bad(url: "host:6379", hint: "redis://"),
        Bad(url: "", hint: "redis://"),
        Bad(url: "redis://[::1", hint: "["),
        Bad(url: "redis://[::1]x", hint: "after host"),
        Bad(url: "redis://::1:6379", hint: "bracket"),
        Bad(url: "redis://host?timeout=3", hint: "option"),
        Bad(url: "redis://u:p%zz@host", hint: "escape"),
        Bad(url: "redis://u:p%+f@host", hint: "escape"),
        Bad(url: "redis://u:p%FF@host", hint: "escape"),
        // Found by fuzzing (make fuzz): a bare "=" option used to index an empty array and trap.
        Bad(url: "redis://host?=", hint: "option"),
        Bad(url: "unix:///tmp/r.sock?db=1&=", hint: "option"),
    ]

    @Test func tlsURLsVerifyByDefault() throws {
        let e = try RedisEndpoint(url: "rediss://app:pw@cache.example.com:6380/2")
        #expect(e.tls == RedisTLS())
        #expect(e.tls?.verifyPeer == true)
        #expect(e.address == .tcp(host: "cache.example.com", port: 6380) && e.database == 2)
        #expect(e.redacted == "rediss://app:***@cache.example.com:6380/2")
        #expect(try RedisEndpoint(url: "redis://h:1").tls == nil)
    }

    @Test(arguments: malformed)
    func rejectsMalformedURL(_ c: Bad) {
        let error = redisError { try RedisEndpoint(url: c.url) }
        guard case let .invalidURL(message) = error else {
            Issue.record("expected .invalidURL for \(c.url), got \(String(describing: error))")
            return
        }
        #expect(message.contains(c.hint), "message: \(message)")
        #expect(error?.description.hasPrefix("invalid Redis URL:") == true)
        #expect(error?.isConnectionError == false)
    }

    @Test func redactedFormShowsTheServerButNotThePassword() throws {
        let tcp = try RedisEndpoint(url: "redis://alice:\(secretPassword)@cache:6380/2")
        #expect(tcp.redacted == "redis://alice:***@cache:6380/2")
        #expect(tcp.description == tcp.redacted)
        let passwordOnly = try RedisEndpoint(url: "redis://:\(secretPassword)@cache")
        #expect(passwordOnly.redacted == "redis://:***@cache:6379/0")
        let ipv6 = try RedisEndpoint(url: "redis://[::1]:7000/1")
        #expect(ipv6.redacted == "redis://[::1]:7000/1")
        let unix = try RedisEndpoint(url: "unix://bob:\(secretPassword)@/tmp/r.sock?db=4")
        #expect(unix.redacted == "unix://bob:***@/tmp/r.sock?db=4")
        let userOnly = RedisEndpoint(address: .tcp(host: "h", port: 1), username: "eve")
        #expect(userOnly.redacted == "redis://eve@h:1/0")
    }
}
