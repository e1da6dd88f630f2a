/// MurmurHash3 x86 32-bit, the hash Unleash uses for gradual rollout buckets.
public enum Murmur3 {
    public static func x86_32<C: Collection>(_ data: C, seed: UInt32 = 0) -> UInt32 where C.Element == UInt8 {
        var hasher = Murmur3Hasher(seed: seed)
        hasher.combine(data)
        return hasher.finalize()
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
