import SafeText

/// libFuzzer entry: arbitrary bytes through RedisBytes.decode, the sanitiser and DisplayWidth; traps when an
/// invariant breaks (a control or bidi scalar survives, sanitising is not idempotent, a cut is too wide).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let width = Int(bytes.first ?? 0) % 40
    let text = RedisBytes.decode(bytes.dropFirst())
    let line = Sanitizer.singleLine(text)
    check(line, allowNewline: false)
    precondition(Sanitizer.singleLine(line) == line, "singleLine is not idempotent")
    precondition(Sanitizer.isSafe(line), "isSafe(singleLine(x)) is false")
    for l in Sanitizer.multiLine(text) { check(l, allowNewline: false) }
    precondition(DisplayWidth.of(line) >= 0)
    let cut = DisplayWidth.truncate(line, to: width)
    precondition(DisplayWidth.of(cut) <= width, "truncate wider than \(width)")
    let fitted = DisplayWidth.fit(line, to: width)
    precondition(DisplayWidth.of(fitted) == width, "fit is not exactly \(width) wide")
    for w in DisplayWidth.wrap(line, width: max(width, 1)) {
        precondition(DisplayWidth.of(w) <= max(width, 1), "wrap line wider than \(width)")
    }
    return 0
}

/// No scalar that could act on a terminal or reorder text.
func check(_ s: String, allowNewline: Bool) {
    for scalar in s.unicodeScalars {
        let v = scalar.value
        precondition(!(v < 0x20 || (0x7F...0x9F).contains(v)), "control U+\(String(v, radix: 16)) survived")
        precondition(!((0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)), "bidi U+\(String(v, radix: 16)) survived")
    }
}
