import Testing
import FlagtopTestSupport

/// The password in a URL must never show up in `description`, `redacted` or any error text,
/// whether the URL is valid or malformed in a way that confuses the parser.
@Suite struct SecretRedactionTests {
    static let urls: [String] = [
        // Valid ones.
        "redis://alice:\(secretPassword)@cache:6379/2",
        "redis://:\(secretPassword)@cache",
        "redis://\(secretPassword)@cache",
        "redis://alice:hunter2%2DSECRET@cache",
        "unix://alice:\(secretPassword)@/tmp/r.sock?db=3",
        "unix:///tmp/r.sock?password=\(secretPassword)",
        // Malformed after the user info.
        "redis://alice:\(secretPassword)@cache:99999/0",
        "redis://alice:\(secretPassword)@cache:port/0",
        "redis://alice:\(secretPassword)@cache/notadb",
        "redis://alice:\(secretPassword)@cache?bogus=1",
        "redis://alice:\(secretPassword)@[::1",
        "redis://alice:\(secretPassword)@::1:6379",
        "rediss://alice:\(secretPassword)@cache:6380",
        "http://alice:\(secretPassword)@cache",
        "unix://alice:\(secretPassword)@relative.sock",
        "unix:///tmp/r.sock?password=\(secretPassword)&db=x",
        "unix:///tmp/r.sock?db=x&password=\(secretPassword)",
        "redis://alice:\(secretPassword)%zz@cache",
        // Found by fuzzing: a combining mark after "@" hid it from Character searches.
        "redis://user:\(secretPassword)@\u{7EF}p\u{FFFD}ionB",
        "redis://user:\(secretPassword)@\u{301}cache:99999",
        "unix://user:\(secretPassword)@\u{301}/tmp/r.sock",
        // Found by fuzzing: Foundation's String.contains trapped on this tail (NUL, U+FFFD, "@" runs).
        "redis://user:\(secretPassword)@" + String(decoding: [UInt8]([0xFF, 0x36, 0x39, 0x78, 0x25, 0x73, 0x3A, 0xFA, 0x00, 0x2F, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x34, 0x31, 0x78, 0x25, 0x34, 0x36, 0x39, 0x78, 0x25, 0x34, 0x31, 0x78, 0x25, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x3F, 0x00, 0xFF, 0xFF, 0xFA, 0x00, 0x1C, 0x08, 0x72, 0x65, 0x64, 0x69, 0x73, 0x3A, 0xFA, 0x00, 0x2F, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x7B, 0x34, 0x30, 0x40, 0x30, 0x40, 0xD0]), as: UTF8.self),
        // Malformed inside the user info: unescaped / ? # : split the URL in unexpected places.
        "redis://alice:hunter2/SECRET@cache:6379",
        "redis://:hunter2?SECRET@cache",
        "redis://:hunter2?password=SECRET@cache",
        "redis://alice:hunter2:SECRET@cache/x",
        "redis://alice:hunter2#SECRET@cache",
        "unix://alice:hunter2?SECRET@/tmp/r.sock",
        // No scheme separator at all.
        "alice:\(secretPassword)@cache:6379",
        "redis:/alice:\(secretPassword)@cache",
        "redis//:\(secretPassword)@cache",
    ]

    @Test(arguments: urls)
    func passwordNeverAppears(_ url: String) {
        do {
            let endpoint = try RedisEndpoint(url: url)
            #expect(!leaks(endpoint.description), "description: \(endpoint.description)")
            #expect(!leaks(endpoint.redacted), "redacted: \(endpoint.redacted)")
            #expect(!leaks(String(describing: endpoint)))
            // The password itself was kept, or the check above proves nothing.
            #expect(endpoint.password.map { leaks($0) } == true, "password not parsed from \(url)")
        } catch {
            #expect(!leaks(error.description), "error: \(error.description)")
            #expect(!leaks(String(describing: error)), "error: \(String(describing: error))")
            #expect(!leaks("\(error)"))
        }
    }

    @Test func errorsStillNameTheBadPartWhenNoSecretIsInvolved() {
        let error = redisError { try RedisEndpoint(url: "redis://cache:99999/0") }
        #expect(error?.description.contains("99999") == true, "\(String(describing: error))")
        let withUser = redisError { try RedisEndpoint(url: "redis://alice:\(secretPassword)@cache:99999/0") }
        // The host and port after the user info are safe to show.
        #expect(withUser?.description.contains("cache:99999") == true, "\(String(describing: withUser))")
        #expect(withUser.map { leaks($0.description) } == false)
    }

    @Test func commandDescriptionHidesAuthArguments() {
        #expect(RedisCommand("AUTH", "alice", secretPassword).description == "AUTH")
        #expect(RedisCommand("auth", secretPassword).description == "AUTH")
        #expect(RedisCommand("HELLO", 2, "AUTH", "alice", secretPassword).description == "HELLO")
        #expect(RedisCommand("GET", "k").description == "GET k")
    }
}
