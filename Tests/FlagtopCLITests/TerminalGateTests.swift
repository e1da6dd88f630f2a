@testable import FlagtopCLI
import SafeText
import Testing

/// The last gate before stdout: it escapes what acts on a terminal, and leaves sanitised text exactly as it is
/// (so nothing is escaped twice). JSON strings escape the same characters.
@Suite struct TerminalGateTests {
    static let hostile = "a\u{1B}]2;T\u{07}b\u{9B}c\u{202E}d\u{200B}e\u{2028}f" + RedisBytes.decode([0xFF])

    @Test func rawControlsAreEscapedAndNewlinesKept() {
        let out = Terminal.neutralised(Self.hostile + "\nline two")
        #expect(out == "a\\e]2;T\\x07b\\x9bc\\u{202E}d\\u{200B}e\\u{2028}f\\xff\nline two")
    }

    @Test func sanitisedTextPassesUnchanged() {
        for text in [Self.hostile, "be\\nta", "C:\\Users", "名前 🚀 e\u{301}", "beta "] {
            let shown = Sanitizer.singleLine(text)
            #expect(Terminal.neutralised(shown) == shown)
            #expect(Terminal.neutralised(Sanitizer.name(text)) == Sanitizer.name(text))
        }
    }

    @Test func jsonStringsCarryNoTerminalEffects() {
        let encoded = JSON.string(Self.hostile).encoded
        #expect(encoded == #""a\u001b]2;T\u0007b\u009bc\u202ed\u200be\u2028f\\xff""#)
        #expect(Terminal.neutralised(encoded) == encoded)
        #expect(JSON.string("\u{E0001}").encoded == #""\udb40\udc01""#)  // a format character beyond the BMP
    }
}
