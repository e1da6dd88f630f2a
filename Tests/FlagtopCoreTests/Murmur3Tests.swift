import FlagtopCore
import Testing

/// MurmurHash3 x86_32 against the reference implementation's vectors and Unleash's bucket vectors.
@Suite struct Murmur3Tests {
    @Test(arguments: [
        ("", UInt32(0), UInt32(0)),
        ("hello", 0, 0x248b_fa47),
        ("The quick brown fox jumps over the lazy dog", 0, 0x2e4f_f723),
        ("", 1, 0x514e_28b7),
        ("", 0xffff_ffff, 0x81f1_6f39),
        ("\0\0\0\0", 0, 0x2362_f9de),
        ("a", 0x9747_b28c, 0x7fa0_9ea6),
        ("aa", 0x9747_b28c, 0x5d21_1726),
        ("aaa", 0x9747_b28c, 0x283e_0130),
        ("aaaa", 0x9747_b28c, 0x5a97_808a),
        ("abc", 0x9747_b28c, 0xc84a_62dd),
        ("Hello, world!", 0x9747_b28c, 0x2488_4cba),
    ])
    func referenceVectors(input: String, seed: UInt32, expected: UInt32) {
        #expect(Murmur3.x86_32(input, seed: seed) == expected)
        #expect(Murmur3.x86_32(Array(input.utf8), seed: seed) == expected)
    }

    @Test(arguments: [("AB12A:122", 23), ("AB12A:155", 100), ("AB12A:123", 51)])
    func unleashNormalisedBuckets(key: String, bucket: Int) {
        #expect(Int(Murmur3.x86_32(key) % 100) + 1 == bucket)
    }

    @Test func rolloutBucketHashesToggleColonID() {
        #expect(RolloutBucket.bucket(toggle: "AB12A", stickinessID: "122") == 23)
        #expect(RolloutBucket.bucket(toggle: "AB12A", stickinessID: "155") == 100)
        #expect(RolloutBucket.bucket(toggle: "AB12A", stickinessID: "123") == 51)
    }
}
