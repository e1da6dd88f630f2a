/// MurmurHash3 x86 32-bit fed in pieces, so a rollout can hash `"<toggle>:"` once and reuse that state for
/// every stickiness id (the routing fast path). Gives the same value as `Murmur3.x86_32` of the concatenation.
public struct Murmur3Hasher: Sendable, Equatable, Hashable {
    private var h1: UInt32
    /// Bytes not yet mixed (fewer than four), little-endian in the low bits, as the reference tail handling reads them.
    private var pending: UInt32 = 0
    private var pendingCount = 0
    private var length = 0

    public init(seed: UInt32 = 0) { h1 = seed }

    public mutating func combine(_ byte: UInt8) {
        pending |= UInt32(byte) << (8 * UInt32(pendingCount))
        pendingCount += 1
        length += 1
        if pendingCount == 4 {
            h1 ^= Self.scramble(pending)
            h1 = (h1 << 13) | (h1 >> 19)
            h1 = h1 &* 5 &+ 0xe654_6b64
            pending = 0
            pendingCount = 0
        }
    }

    public mutating func combine<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for byte in bytes { combine(byte) }
    }

    /// The UTF-8 bytes of `text`, without copying them into an array.
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { buffer in for byte in buffer { combine(byte) } }
    }

    /// The hash of everything combined so far (the hasher itself is left as it was).
    public func finalize() -> UInt32 {
        var h = h1
        if pendingCount > 0 { h ^= Self.scramble(pending) }
        h ^= UInt32(truncatingIfNeeded: length)
        h ^= h >> 16
        h &*= 0x85eb_ca6b
        h ^= h >> 13
        h &*= 0xc2b2_ae35
        h ^= h >> 16
        return h
    }

    @inline(__always)
    private static func scramble(_ k: UInt32) -> UInt32 {
        var k1 = k &* 0xcc9e_2d51
        k1 = (k1 << 15) | (k1 >> 17)
        return k1 &* 0x1b87_3593
    }
}
