import SafeText

/// A pane filter, matched case-insensitively as `text.lowercased().contains(filter.lowercased())`:
/// printable ASCII text (nearly every name, time and message) is compared byte by byte without
/// building a lowered copy, since filters run over thousands of rows each frame.
struct FilterNeedle {
    let lowered: String
    private let asciiBytes: [UInt8]?

    init(_ filter: String) {
        lowered = filter.lowercased()
        asciiBytes = PlainScalar.isPrintableASCII(lowered) ? Array(lowered.utf8) : nil
    }

    var isEmpty: Bool { lowered.isEmpty }

    func matches(_ text: String) -> Bool {
        if let needle = asciiBytes, PlainScalar.isPrintableASCII(text) {
            return text.utf8.withContiguousStorageIfAvailable { Self.foldedSearch($0, for: needle) }
                ?? text.lowercased().contains(lowered)
        }
        return text.lowercased().contains(lowered)
    }

    /// Whether `needle` (lower-case ASCII) occurs in `haystack` (printable ASCII) with A–Z folded to a–z.
    private static func foldedSearch(_ haystack: UnsafeBufferPointer<UInt8>, for needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n <= haystack.count else { return false }
        for start in 0...(haystack.count - n) {
            var k = 0
            while k < n {
                var b = haystack[start + k]
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != needle[k] { break }
                k += 1
            }
            if k == n { return true }
        }
        return false
    }
}
