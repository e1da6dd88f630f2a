/// Turns bytes read from Redis into a Swift `String` without losing what was invalid:
/// every byte that is not part of valid UTF-8 becomes the four characters `\xNN`.
///
/// This is the one place bytes become text; everything downstream (models, CLI, dashboard)
/// works on Strings and still passes them through `Sanitizer` before they reach a terminal.
public enum RedisBytes {
    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        let input = Array(bytes)
        return input.withUnsafeBufferPointer { buffer in
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count + 64)
            var i = 0
            while i < buffer.count {
                let length = validSequenceLength(buffer, at: i)
                if length > 0 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<(i + length)]))
                    i += length
                } else {
                    let b = buffer[i]
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x"), hexDigit(b >> 4), hexDigit(b & 0xF)])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func hexDigit(_ d: UInt8) -> UInt8 { d < 10 ? 48 + d : 87 + d }

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
