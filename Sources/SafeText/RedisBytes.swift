/// Turns bytes read from Redis into a Swift `String` without losing anything, and back.
///
/// Every byte that is not part of valid UTF-8 becomes one *raw-byte marker*: the private-use scalar
/// U+10FF00 + byte (plane 16, which no text uses in practice). The sanitiser shows a marker as `\xNN`, and
/// `encode` turns it back into the byte, so a key like `bad\xff` survives decode → String → encode exactly
/// (names of toggles and sessions are written back as keys). Valid UTF-8 that happens to encode a marker
/// scalar (F4 8F BC 80 … F4 8F BF BF) is itself stored as four markers, so the mapping stays one to one.
///
/// This is the one place bytes become text; everything downstream (models, CLI, dashboard) works on Strings
/// and still passes them through `Sanitizer` before they reach a terminal.
public enum RedisBytes {
    /// The first raw-byte marker (for byte 0x00); markers run to U+10FFFF.
    public static let markerBase: UInt32 = 0x10FF00

    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let valid = String(validating: bytes, as: UTF8.self), !bytes.contains(0xF4) || !containsMarker(valid) {
            return valid
        }
        let input = Array(bytes)
        return input.withUnsafeBufferPointer { buffer in
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count + 64)
            var i = 0
            while i < buffer.count {
                var length = validSequenceLength(buffer, at: i)
                // A genuine marker scalar is escaped byte by byte, like invalid input.
                if length == 4 && buffer[i] == 0xF4 && buffer[i + 1] == 0x8F && buffer[i + 2] >= 0xBC { length = 0 }
                if length > 0 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<(i + length)]))
                    i += length
                } else {
                    appendMarker(for: buffer[i], to: &out)
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The exact bytes `decode` read: markers become their bytes again, everything else is UTF-8.
    public static func encode(_ text: String) -> [UInt8] {
        let utf8 = text.utf8
        guard utf8.contains(0xF4) else { return Array(utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for scalar in text.unicodeScalars {
            if let byte = byte(ofMarker: scalar.value) { out.append(byte) } else { out.append(contentsOf: String(scalar).utf8) }
        }
        return out
    }

    /// The byte a raw-byte marker stands for; nil for any other scalar.
    @inline(__always)
    public static func byte(ofMarker value: UInt32) -> UInt8? {
        value >= markerBase && value <= markerBase + 0xFF ? UInt8(value - markerBase) : nil
    }

    /// The marker scalar of `byte`.
    public static func marker(for byte: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(markerBase + UInt32(byte))!
    }

    private static func containsMarker(_ text: String) -> Bool {
        text.unicodeScalars.contains { byte(ofMarker: $0.value) != nil }
    }

    /// UTF-8 of U+10FF00 + b: F4 8F (BC + b >> 6) (80 + b & 0x3F).
    private static func appendMarker(for b: UInt8, to out: inout [UInt8]) {
        out.append(contentsOf: [0xF4, 0x8F, 0xBC + (b >> 6), 0x80 + (b & 0x3F)])
    }

    /// The length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none
    /// (overlong forms, surrogates, values above U+10FFFF, stray continuation bytes, truncated sequences).
    static func validSequenceLength(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b0 = s[i]
        func cont(_ k: Int) -> UInt8? { s.count > i + k ? s[i + k] : nil }
        func isCont(_ b: UInt8?) -> Bool { b.map { $0 & 0xC0 == 0x80 } ?? false }
        switch b0 {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return isCont(cont(1)) ? 2 : 0
        case 0xE0:
            guard let b1 = cont(1), (0xA0...0xBF).contains(b1), isCont(cont(2)) else { return 0 }
            return 3
        case 0xE1...0xEC, 0xEE...0xEF:
            return isCont(cont(1)) && isCont(cont(2)) ? 3 : 0
        case 0xED:
            guard let b1 = cont(1), (0x80...0x9F).contains(b1), isCont(cont(2)) else { return 0 }
            return 3
        case 0xF0:
            guard let b1 = cont(1), (0x90...0xBF).contains(b1), isCont(cont(2)), isCont(cont(3)) else { return 0 }
            return 4
        case 0xF1...0xF3:
            return isCont(cont(1)) && isCont(cont(2)) && isCont(cont(3)) ? 4 : 0
        case 0xF4:
            guard let b1 = cont(1), (0x80...0x8F).contains(b1), isCont(cont(2)), isCont(cont(3)) else { return 0 }
            return 4
        default: return 0
        }
    }
}
