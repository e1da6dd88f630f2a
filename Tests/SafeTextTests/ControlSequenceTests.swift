import Testing
@testable import SafeText

/// Escape sequences and control characters must arrive as visible text, never as bytes the terminal acts on.
struct ControlSequenceTests {
    @Test func csiClearScreenAndCursorMovesAreVisible() {
        #expect(Sanitizer.singleLine("\u{1B}[2J") == "\\e[2J")
        #expect(Sanitizer.singleLine("ok\u{1B}[H\u{1B}[10;5Hforged") == "ok\\e[H\\e[10;5Hforged")
    }

    @Test func sgrColoursAreVisible() {
        #expect(Sanitizer.singleLine("\u{1B}[31mred\u{1B}[0m") == "\\e[31mred\\e[0m")
        #expect(Sanitizer.singleLine("\u{1B}[8mhidden") == "\\e[8mhidden")
    }

    @Test func oscTitleWithBelAndStTerminators() {
        #expect(Sanitizer.singleLine("\u{1B}]0;pwned\u{07}") == "\\e]0;pwned\\x07")
        #expect(Sanitizer.singleLine("\u{1B}]2;pwned\u{1B}\\") == "\\e]2;pwned\\e\\")
    }

    @Test func osc8HyperlinkIsVisible() {
        let link = "\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\"
        #expect(Sanitizer.singleLine(link) == "\\e]8;;https://evil.example\\e\\click\\e]8;;\\e\\")
    }

    @Test func osc52ClipboardWriteAndReadAreVisible() {
        #expect(Sanitizer.singleLine("a\0b\u{1B}]52;c;ZXZpbA==\u{07}") == "a\\x00b\\e]52;c;ZXZpbA==\\x07")
        #expect(Sanitizer.singleLine("\u{1B}]52;c;?\u{1B}\\") == "\\e]52;c;?\\e\\")
    }

    @Test func eightBitC1IntroducersAreVisible() {
        #expect(Sanitizer.singleLine("\u{9B}2J") == "\\x9b2J")
        #expect(Sanitizer.singleLine("\u{9D}52;c;ZXZpbA==\u{9C}") == "\\x9d52;c;ZXZpbA==\\x9c")
        #expect(Sanitizer.singleLine("x\u{85}y") == "x\\x85y")  // NEL
    }

    @Test func dcsApcAndPmAreVisible() {
        #expect(Sanitizer.singleLine("\u{1B}Pq#0;2;0;0;0\u{1B}\\") == "\\ePq#0;2;0;0;0\\e\\")
        #expect(Sanitizer.singleLine("\u{90}tmux;\u{9C}") == "\\x90tmux;\\x9c")
        #expect(Sanitizer.singleLine("\u{1B}_Gf=100;AAAA\u{1B}\\") == "\\e_Gf=100;AAAA\\e\\")
        #expect(Sanitizer.singleLine("\u{9F}apc\u{9C}") == "\\x9fapc\\x9c")
        #expect(Sanitizer.singleLine("\u{1B}^pm\u{1B}\\") == "\\e^pm\\e\\")
        #expect(Sanitizer.singleLine("\u{9E}pm\u{9C}") == "\\x9epm\\x9c")
    }

    @Test func nulDelBackspaceAndLayoutControls() {
        #expect(Sanitizer.singleLine("a\0b") == "a\\x00b")
        #expect(Sanitizer.singleLine("abc\u{7F}") == "abc\\x7f")
        #expect(Sanitizer.singleLine("pass\u{08}\u{08}\u{08}\u{08}****") == "pass\\x08\\x08\\x08\\x08****")
        #expect(Sanitizer.singleLine("line1\nline2\tcol\rover") == "line1\\nline2\\tcol\\rover")
        #expect(Sanitizer.singleLine("\u{0B}\u{0C}") == "\\x0b\\x0c")
    }

    @Test func everyC0C1AndDelScalarBecomesItsEscape() {
        let named: [UInt32: String] = [0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x1B: "\\e"]
        let controls = Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)
        for v in controls {
            let input = "<" + String(Character(Unicode.Scalar(UInt32(v))!)) + ">"
            let hex = String(v, radix: 16)
            let expected = "<" + (named[UInt32(v)] ?? "\\x" + (hex.count == 1 ? "0" + hex : hex)) + ">"
            #expect(Sanitizer.singleLine(input) == expected, "U+\(hex)")
        }
    }

    @Test func printableTextIsUntouched() {
        for text in ["", "plain ascii ~!@#$%^&*()_+{}|:\"<>?", "café 中文 😀", "back\\slash C:\\Users\\bob"] {
            #expect(TextChecks.sameScalars(Sanitizer.singleLine(text), text))
            #expect(Sanitizer.isSafe(text))
        }
        #expect(!Sanitizer.isSafe("a\u{1B}b"))
        #expect(!Sanitizer.isSafe("\u{202E}"))
        #expect(!Sanitizer.isSafe("\u{301}"))
    }
}
