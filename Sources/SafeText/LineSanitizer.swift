/// Writes the sanitised UTF-8 of one line (one cell) into a byte buffer; the rules are described on `Sanitizer`.
///
/// Works on bytes rather than Characters so that megabyte values and long exceptions stay fast.
struct LineSanitizer {
    /// Marks beyond this many on one base are escaped: stacks of them ("zalgo") paint over neighbouring rows,
    /// and ncurses keeps only a few per cell anyway.
    static let maxMarksPerBase = 4

    private(set) var out: [UInt8] = []
    private let expandTabs: Bool
    /// The last thing written was a kept visible scalar, so a following mark attaches to this cell's own text.
    private var hasBase = false
    /// The last input scalar written as is (0 after an escape).
    private var previous: UInt32 = 0
    private var marks = 0
    /// Tab stops: the column reached at byte `measured` of `out`.
    private var column = 0
    private var measured = 0

    init(expandTabs: Bool, capacity: Int) {
        self.expandTabs = expandTabs
        out.reserveCapacity(capacity)
    }

    var string: String { String(decoding: out, as: UTF8.self) }

    /// Appends `bytes[start..<end]`, which must be whole UTF-8 sequences of a valid string.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 0x5C {
                appendBackslash(bytes, followedBy: i + 1, end: end)
                i += 1
            } else if b >= 0x20 && b < 0x7F {
                var j = i + 1
                while j < end, bytes[j] >= 0x20, bytes[j] < 0x7F, bytes[j] != 0x5C { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                hasBase = true
                previous = UInt32(bytes[j - 1])
                marks = 0
                i = j
            } else if b < 0x80 {
                if b == 0x09 && expandTabs { expandTab() } else { escapeControl(b) }
                i += 1
            } else {
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                appendScalar(bytes, at: i, length: length, end: end)
                i += length
            }
        }
    }

    private mutating func appendScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int, end: Int) {
        let scalar = Self.decode(bytes, at: i, length: length)
        let v = scalar.value
        switch ScalarPolicy.of(scalar) {
        case .c1Control:
            escapeControl(UInt8(v))
            return
        case .rawByte(let byte):
            escapeByte(byte)
            return
        case .escape:
            escapeScalar(v)
            return
        case .joiner:
            guard hasBase, previous >= 0xA0, nextIsVisibleNonASCII(bytes, at: i + length, end: end) else {
                escapeScalar(v)
                return
            }
        case .tag:
            guard previous == 0x1F3F4 || (0xE0020...0xE007E).contains(previous) else {
                escapeScalar(v)
                return
            }
        case .keep(let isMark):
            if isMark {
                if marks >= Self.maxMarksPerBase {
                    escapeScalar(v, keepingMarkCount: true)
                    return
                }
                // A mark with nothing of this cell to sit on would merge into whatever is drawn before it.
                if !hasBase { out.append(contentsOf: [0xE2, 0x97, 0x8C]) }  // U+25CC DOTTED CIRCLE
                marks += 1
            } else {
                marks = 0
            }
        }
        for k in i..<(i + length) { out.append(bytes[k]) }
        hasBase = true
        previous = v
    }

    /// A literal backslash is doubled when what follows it on screen could read as an escape (`\\`, `\n`, `\t`,
    /// `\r`, `\e`, `\x…`, `\u{…}`, or any character the sanitiser escapes), so a real newline shows as `\n` and the
    /// two characters backslash-n as `\\n`; `EscapedText.parse` reads either back. Elsewhere (`C:\Users`) it stays single.
    private mutating func appendBackslash(_ bytes: UnsafeBufferPointer<UInt8>, followedBy i: Int, end: Int) {
        var double = false
        if i < end {
            let next = bytes[i]
            switch next {
            case 0x5C, UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "e"), UInt8(ascii: "x"), UInt8(ascii: "u"):
                double = true
            case 0x00..<0x20, 0x7F:
                double = true
            case 0x80...:
                let scalar = Self.decode(bytes, at: i, length: next >= 0xF0 ? 4 : next >= 0xE0 ? 3 : 2)
                if case .keep = ScalarPolicy.of(scalar) { double = false } else { double = true }
            default:
                double = false
            }
        }
        out.append(0x5C)
        if double { out.append(0x5C) }
        hasBase = true
        previous = 0x5C
        marks = 0
    }

    private func nextIsVisibleNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Bool {
        guard i < end, bytes[i] >= 0x80 else { return false }
        let b = bytes[i]
        let next = Self.decode(bytes, at: i, length: b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2)
        return ScalarPolicy.of(next) == .keep(isMark: false)
    }

    private mutating func expandTab() {
        column += DisplayWidth.of(String(decoding: out[measured...], as: UTF8.self))
        let pad = 4 - column % 4
        out.append(contentsOf: repeatElement(0x20, count: pad))
        column += pad
        measured = out.count
        hasBase = true
        previous = 0x20
        marks = 0
    }

    private mutating func escapeControl(_ b: UInt8) {
        switch b {
        case 0x1B: appendASCII("\\e")
        case 0x0A: appendASCII("\\n")
        case 0x09: appendASCII("\\t")
        case 0x0D: appendASCII("\\r")
        default:
            escapeByte(b)
            return
        }
        hasBase = false
        previous = 0
        marks = 0
    }

    /// `\xNN`: a control without a name of its own, or a byte of invalid UTF-8 (a raw-byte marker).
    private mutating func escapeByte(_ b: UInt8) {
        appendASCII("\\x")
        out.append(Self.hexDigit(UInt32(b >> 4), upper: false))
        out.append(Self.hexDigit(UInt32(b & 0xF), upper: false))
        hasBase = false
        previous = 0
        marks = 0
    }

    /// `\u{XXXX}`: uppercase hex, at least four digits, as Unicode writes code points.
    private mutating func escapeScalar(_ v: UInt32, keepingMarkCount: Bool = false) {
        appendASCII("\\u{")
        var digits = 4
        while digits < 6 && v >> (4 * UInt32(digits)) != 0 { digits += 1 }
        for d in stride(from: digits - 1, through: 0, by: -1) {
            out.append(Self.hexDigit((v >> (4 * UInt32(d))) & 0xF, upper: true))
        }
        out.append(UInt8(ascii: "}"))
        hasBase = false
        previous = 0
        if !keepingMarkCount { marks = 0 }
    }

    private mutating func appendASCII(_ s: StaticString) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private static func hexDigit(_ d: UInt32, upper: Bool) -> UInt8 {
        d < 10 ? UInt8(48 + d) : UInt8((upper ? 55 : 87) + d)
    }

    /// Decodes one scalar from valid UTF-8 (the bytes come from a Swift String).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> Unicode.Scalar {
        var v: UInt32
        switch length {
        case 2: v = UInt32(bytes[i] & 0x1F)
        case 3: v = UInt32(bytes[i] & 0x0F)
        default: v = UInt32(bytes[i] & 0x07)
        }
        for k in 1..<length { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
        return Unicode.Scalar(v) ?? "\u{FFFD}"
    }
}
