/// Redis Cluster's key slot: CRC16 (XMODEM) of the key, or of its hash tag, modulo 16384.
///
/// The hash tag is the text between the first `{` and the first `}` after it, when that text is not empty;
/// otherwise the whole key is hashed. Keys that must share a slot (a toggle and its audit stream) share a tag.
public enum HashSlot {
    public static let count = 16384

    /// The slot of `key`.
    public static func of(_ key: [UInt8]) -> Int {
        Int(crc16(hashedPart(of: key)) & 0x3FFF)
    }

    public static func of(_ key: String) -> Int { of(Array(key.utf8)) }

    /// The bytes that are hashed: the non-empty `{…}` tag, or the whole key.
    public static func hashedPart(of key: [UInt8]) -> ArraySlice<UInt8> {
        guard let open = key.firstIndex(of: UInt8(ascii: "{")) else { return key[...] }
        guard let close = key[(open + 1)...].firstIndex(of: UInt8(ascii: "}")), close > open + 1 else { return key[...] }
        return key[(open + 1)..<close]
    }

    /// The non-empty hash tag of a key, if it has one.
    public static func tag(of key: [UInt8]) -> ArraySlice<UInt8>? {
        let part = hashedPart(of: key)
        return part.count == key.count ? nil : part
    }

    /// CRC16-CCITT (XMODEM: polynomial 0x1021, initial value 0), as in Redis's `crc16.c`.
    public static func crc16<C: Collection>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)]
        }
        return crc
    }

    private static let table: [UInt16] = (0..<256).map { index in
        var crc = UInt16(index) << 8
        for _ in 0..<8 { crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        return crc
    }
}
