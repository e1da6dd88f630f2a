import FlagtopCore
import FlagtopTestSupport
import Testing

/// CRC16/XMODEM and the hash-tag rule against known vectors, and audit keys that share their toggle's slot.
@Suite struct HashSlotTests {
    @Test func crc16MatchesTheXmodemCheckValue() {
        #expect(HashSlot.crc16(Array("123456789".utf8)) == 0x31C3)
        #expect(HashSlot.crc16([UInt8]()) == 0)
    }

    @Test func slotsMatchTheClusterSpecAndRedisItself() {
        #expect(HashSlot.of("foo") == 12182)
        #expect(HashSlot.of("bar") == 5061)
        #expect(HashSlot.of("hello") == 866)
        // Hash tags: only the first {…} with content counts.
        #expect(HashSlot.of("{user1000}.following") == HashSlot.of("user1000"))
        #expect(HashSlot.of("foo{}{bar}") == HashSlot.of("foo{}{bar}"), "an empty tag hashes the whole key")
        #expect(HashSlot.of("foo{{bar}}zap") == HashSlot.of("{bar"))
        #expect(HashSlot.of("foo{bar}{zap}") == HashSlot.of("bar"))
        // Values measured with CLUSTER KEYSLOT on a 7.0 cluster (notes/distributed.md §3.3).
        #expect(HashSlot.of("useNewAlgorithm") == 16343)
        #expect(HashSlot.of("newCheckoutFlow") == 6121)
        #expect(HashSlot.of("a{b}c") == 3300)
        #expect(HashSlot.of("x}y") == 8210)
        #expect(HashSlot.of("flagtop:audit:{x}y}") == 16287)
    }

    @Test func auditKeysShareTheirTogglesSlot() {
        #expect(AuditKey.forToggle(key: "useNewAlgorithm") == "flagtop:audit:{useNewAlgorithm}")
        #expect(AuditKey.forToggle(key: "a{b}c") == "flagtop:audit:{b}")
        #expect(AuditKey.forToggle(key: "a{b}c").hasPrefix(AuditKey.prefix))
        for key in ["useNewAlgorithm", "a{b}c", "x}y", "a{}b", "}{", "{", "}", "flags:{tenant-7}:checkout", "ü{ß}", "p:x}y{z}"] {
            let audit = AuditKey.forToggle(key: Array(key.utf8))
            #expect(HashSlot.of(audit) == HashSlot.of(key), "\(key) → \(String(decoding: audit, as: UTF8.self))")
            #expect(audit.starts(with: Array(AuditKey.prefix.utf8)))
        }
        // The fallback is deterministic (every reader finds the same stream).
        #expect(AuditKey.forToggle(key: "x}y") == AuditKey.forToggle(key: "x}y"))
        #expect(AuditKey.forToggle(key: "x}y").hasPrefix("flagtop:audit:{x_y~"))
    }

    /// The local slot function agrees with the server's own CLUSTER KEYSLOT (a cluster-enabled redis-server).
    @Test func agreesWithClusterKeyslot() throws {
        let bus = try FaultProxy(upstreamPort: 1) // only to borrow a free loopback port for the cluster bus
        let busPort = bus.port
        bus.stop()
        let server = try TestServer(search: false, tcp: true, extraArguments: ["--cluster-enabled", "yes", "--cluster-port", String(busPort)])
        defer { server.stop() }
        var generator = SeededGenerator(seed: 0x5107)
        for i in 0..<150 {
            let length = Int.random(in: 1...12, using: &generator)
            let alphabet = Array("ab{}xy:-_ü1".unicodeScalars)
            let key = String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
            let slot = try server.run("CLUSTER", "KEYSLOT", key).int
            #expect(slot == Int64(HashSlot.of(key)), "\(i): \(key)")
            let audit = AuditKey.forToggle(key: Array(key.utf8))
            #expect(try server.run("CLUSTER", "KEYSLOT", audit).int == slot, "\(key)")
        }
    }
}
