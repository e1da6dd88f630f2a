/// Redis Cluster's key-to-slot function: CRC16/XMODEM of the key (or of its hash tag) modulo 16384.
///
/// flagtop needs it to put a toggle's audit stream in the toggle's own slot, so that the toggle's HSET and its
/// audit XADD can be one script or one MULTI/EXEC even on a cluster (a cross-slot write is refused there). The
/// audit key is built with a hash tag and then *checked* with this function, because some toggle keys (those
/// containing `}` or an empty `{}`) cannot be tagged naively.
public enum HashSlot {
    public static let count = 16_384

    /// The slot of a key, by the cluster spec's rule: if the key has a `{`, and a `}` after it with at least one
    /// byte between them, only the bytes between the first `{` and the first `}` after it are hashed.
    public static func of(_ key: [UInt8]) -> Int {
        Int(crc16(hashedPart(of: key)) % UInt16(count))
    }

    public static func of(_ key: String) -> Int { of(Array(key.utf8)) }

    /// The part of the key that is hashed: its non-empty hash tag, or the whole key.
    public static func hashedPart(of key: [UInt8]) -> ArraySlice<UInt8> {
        if let open = key.firstIndex(of: UInt8(ascii: "{")),
           let close = key[(open + 1)...].firstIndex(of: UInt8(ascii: "}")), close > open + 1 {
            return key[(open + 1)..<close]
        }
        return key[...]
    }

    /// The non-empty hash tag of a key, if it has one.
    public static func tag(of key: [UInt8]) -> ArraySlice<UInt8>? {
        let part = hashedPart(of: key)
        return part.count == key.count ? nil : part
    }

    /// CRC16/XMODEM (polynomial 0x1021, initial value 0, no reflection), the variant Redis Cluster uses.
    public static func crc16<C: Collection>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)]
        }
        return crc
    }

    private static let table: [UInt16] = (0..<256).map { i -> UInt16 in
        var crc = UInt16(i) << 8
        for _ in 0..<8 { crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        return crc
    }
}
