/// Byte-level helpers shared by the sanitiser and the width functions: the pure printable ASCII fast path.
enum UTF8Scan {
    /// Calls `body` with the string's UTF-8 bytes, copying only when the string is not stored contiguously.
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// True when every byte is printable ASCII (0x20–0x7E): such text needs no escaping and is one cell per byte.
    static func isPrintableASCII(_ text: String) -> Bool {
        withBytes(text) { isPrintableASCII($0, from: 0, to: $0.count) }
    }

    /// True when every byte is printable ASCII other than the backslash: text the sanitiser returns unchanged
    /// without looking at it (a backslash may be doubled, see `LineSanitizer`).
    static func isPlainASCII(_ text: String) -> Bool {
        withBytes(text) { isPrintableASCII($0, from: 0, to: $0.count, allowBackslash: false) }
    }

    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        isPrintableASCII(bytes, from: start, to: end, allowBackslash: false)
    }

    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, allowBackslash: Bool = true) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = start
        // Eight bytes at a time: a byte is outside 0x20–0x7E when its top bit is set, when subtracting 0x20
        // borrows (it was below 0x20) or when adding 1 carries into the top bit (it was 0x7F).
        let raw = UnsafeRawPointer(base)
        while i + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let high: UInt64 = 0x8080_8080_8080_8080
            let below = (word &- 0x2020_2020_2020_2020) & ~word & high
            let del = (word &+ 0x0101_0101_0101_0101) & high
            if (word & high) | below | del != 0 { return false }
            if !allowBackslash {
                // A zero byte in word XOR 0x5C… is a backslash.
                let x = word ^ 0x5C5C_5C5C_5C5C_5C5C
                if (x &- 0x0101_0101_0101_0101) & ~x & high != 0 { return false }
            }
            i += 8
        }
        while i < end {
            let b = base[i]
            if b < 0x20 || b >= 0x7F || (b == 0x5C && !allowBackslash) { return false }
            i += 1
        }
        return true
    }
}
