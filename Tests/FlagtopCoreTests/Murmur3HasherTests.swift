import FlagtopCore
import FlagtopTestSupport
import Testing

/// The incremental hasher the routing fast path uses gives exactly `Murmur3.x86_32` of the whole input.
@Suite struct Murmur3HasherTests {
    /// The reference vectors, fed in two pieces split at every position (so every tail length crosses a block).
    @Test(arguments: [
        ("", UInt32(0), UInt32(0)),
        ("hello", 0, 0x248b_fa47),
        ("The quick brown fox jumps over the lazy dog", 0, 0x2e4f_f723),
        ("", 1, 0x514e_28b7),
        ("\0\0\0\0", 0, 0x2362_f9de),
        ("aaa", 0x9747_b28c, 0x283e_0130),
        ("Hello, world!", 0x9747_b28c, 0x2488_4cba),
    ])
    func referenceVectorsInPieces(input: String, seed: UInt32, expected: UInt32) {
        let bytes = Array(input.utf8)
        for split in 0...bytes.count {
            var hasher = Murmur3Hasher(seed: seed)
            hasher.combine(bytes[..<split])
            hasher.combine(String(decoding: bytes[split...], as: UTF8.self))
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
    }

    @Test func finalizeLeavesTheStateAlone() {
        var hasher = Murmur3Hasher()
        hasher.combine("AB12A:")
        let prefix = hasher
        _ = hasher.finalize()
        #expect(hasher == prefix)
        hasher.combine("122")
        #expect(Int(hasher.finalize() % 100) + 1 == 23)  // Unleash's vector
    }

    @Test func randomInputsMatchTheOneShotHash() {
        var rng = SeededGenerator(seed: 0x6d75_726d)
        for _ in 0..<TestScale.iterations(500) {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let split = Int.random(in: 0...bytes.count, using: &rng)
            let seed = UInt32.random(in: 0...UInt32.max, using: &rng)
            var hasher = Murmur3Hasher(seed: seed)
            hasher.combine(bytes[..<split])
            hasher.combine(bytes[split...])
            #expect(hasher.finalize() == Murmur3.x86_32(bytes, seed: seed), "\(bytes) split \(split)")
        }
    }
}
