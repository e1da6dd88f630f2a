/// MurmurHash3 x86 32-bit, the hash Unleash uses for gradual rollout buckets.
public enum Murmur3 {
    public static func x86_32<C: Collection>(_ data: C, seed: UInt32 = 0) -> UInt32 where C.Element == UInt8 {
        let bytes = Array(data)
        let c1: UInt32 = 0xcc9e_2d51
        let c2: UInt32 = 0x1b87_3593
        var h1 = seed
        let blockCount = bytes.count / 4
        for i in 0..<blockCount {
            let j = i * 4
            var k1 = UInt32(bytes[j]) | UInt32(bytes[j + 1]) << 8 | UInt32(bytes[j + 2]) << 16 | UInt32(bytes[j + 3]) << 24
            k1 &*= c1
            k1 = (k1 << 15) | (k1 >> 17)
            k1 &*= c2
            h1 ^= k1
            h1 = (h1 << 13) | (h1 >> 19)
            h1 = h1 &* 5 &+ 0xe654_6b64
        }
        let tail = blockCount * 4
        var k1: UInt32 = 0
        let remaining = bytes.count & 3
        if remaining >= 3 { k1 ^= UInt32(bytes[tail + 2]) << 16 }
        if remaining >= 2 { k1 ^= UInt32(bytes[tail + 1]) << 8 }
        if remaining >= 1 {
            k1 ^= UInt32(bytes[tail])
            k1 &*= c1
            k1 = (k1 << 15) | (k1 >> 17)
            k1 &*= c2
            h1 ^= k1
        }
        h1 ^= UInt32(truncatingIfNeeded: bytes.count)
        h1 ^= h1 >> 16
        h1 &*= 0x85eb_ca6b
        h1 ^= h1 >> 13
        h1 &*= 0xc2b2_ae35
        h1 ^= h1 >> 16
        return h1
    }

    public static func x86_32(_ text: String, seed: UInt32 = 0) -> UInt32 {
        x86_32(Array(text.utf8), seed: seed)
    }
}

/// Unleash's gradual-rollout normalisation: `murmur3("<group>:<id>", 0) % 100 + 1`, in 1…100.
public enum RolloutBucket {
    public static func bucket(toggle: String, stickinessID: String) -> Int {
        Int(Murmur3.x86_32("\(toggle):\(stickinessID)") % 100) + 1
    }
}
