import Testing
import FlagtopTestSupport

/// Keys, field names and values are bytes: NUL, terminal escapes and invalid UTF-8 must round-trip exactly.
@Suite struct BinarySafetyTests {
    /// Byte strings that break C strings, terminals or UTF-8 decoding.
    static let nasty: [[UInt8]] = [
        [0x61, 0x00, 0x62],                                  // NUL in the middle
        [0x00],                                              // only NUL
        b("\u{1B}]52;c;ZXZpbA==\u{07}"),                     // OSC 52 clipboard write
        b("\u{1B}[31mred\u{1B}[0m\u{1B}]0;title\u{07}"),     // CSI and OSC title
        [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82],                // invalid UTF-8, truncated sequence
        [0x80] + b("cont") + [0xC0, 0xAF],                   // stray continuation, overlong "/"
        b("\r\n$3\r\nfoo\r\n*1\r\n"),                        // RESP framing characters
        Array(0...255).map { UInt8($0) },                    // every byte value
        [],                                                  // empty
    ]

    @Test func setGetRoundTripsBinaryValuesAndKeys() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        for (i, value) in Self.nasty.enumerated() {
            let key = Self.nasty[(i + 1) % Self.nasty.count] + b(":k\(i)")
            try c.send("SET", key, value)
            let reply = try c.send("GET", key)
            #expect(reply == .bulk(value), "value \(i)")
            #expect(reply.bytes == value)
            #expect(try c.send("STRLEN", key) == .integer(Int64(value.count)))
        }
        // The keys themselves came back byte for byte too.
        let keys = try #require(try c.send("KEYS", "*").array).compactMap(\.bytes)
        let expectedKeys = Self.nasty.indices.map { Self.nasty[($0 + 1) % Self.nasty.count] + b(":k\($0)") }
        #expect(Set(keys) == Set(expectedKeys))
    }

    @Test func hashFieldsAndValuesRoundTrip() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        let key: [UInt8] = [0x1B, 0x00, 0xFF] + b("hash")
        var expected: [[UInt8]: [UInt8]] = [:]
        var command = RedisCommand("HSET", key)
        for (i, value) in Self.nasty.enumerated() {
            let field = Self.nasty[(i + 3) % Self.nasty.count] + [UInt8(i)]
            expected[field] = value
            command.append(field, value)
        }
        #expect(try c.send(command) == .integer(Int64(Self.nasty.count)))
        let pairs = try #require(try c.send("HGETALL", key).pairs)
        var got: [[UInt8]: [UInt8]] = [:]
        for pair in pairs { got[pair.key] = pair.value }
        #expect(got == expected)
        #expect(pairs.count == Self.nasty.count)
        let osc = Self.nasty[2]
        let oscField = Self.nasty[(2 + 3) % Self.nasty.count] + [2]
        #expect(try c.send("HGET", key, oscField) == .bulk(osc))
    }

    @Test func largeBinaryValueRoundTrips() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        // 3 MB of pseudo-random bytes, larger than any hiredis read buffer.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let value: [UInt8] = (0..<3_000_000).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        try c.send("SET", "big", value)
        #expect(try c.send("GET", "big") == .bulk(value))
    }

    @Test func stringViewReplacesInvalidUTF8ButBytesStayExact() {
        let reply = RedisReply.bulk([0x61, 0xFF, 0x62])
        #expect(reply.string == "a\u{FFFD}b")
        #expect(reply.bytes == [0x61, 0xFF, 0x62])
    }
}
