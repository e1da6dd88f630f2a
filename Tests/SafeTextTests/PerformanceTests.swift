import Testing
@testable import SafeText

/// Huge values and long exceptions must not stall a redraw (limits are generous for debug builds).
struct PerformanceTests {
    static func seconds(_ body: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func oneMebibyteValueSanitisesFast() {
        var bytes: [UInt8] = []
        let chunk = Array("value \u{1B}[31m中文 😀 é\t".utf8) + [0xFF, 0xC2, 0x9B]
        while bytes.count < 1 << 20 { bytes += chunk }
        var out = ""
        let t = Self.seconds { out = Sanitizer.singleLine(RedisBytes.decode(bytes)) }
        #expect(t < 2, "took \(t) s")
        #expect(TextChecks.forbiddenScalars(in: out).isEmpty)
        #expect(out.utf8.count > bytes.count)
    }

    @Test func oneMebibyteOfAsciiIsReturnedAsIs() {
        let text = String(repeating: "abcdefghijklmnopqrstuvwxyz012345", count: 1 << 15)
        var out = ""
        let t = Self.seconds { out = Sanitizer.singleLine(text) }
        #expect(t < 0.5, "took \(t) s")
        #expect(out.utf8.count == 1 << 20)
    }

    @Test func hundredThousandLineExceptionSplitsFast() {
        var text = ""
        for i in 0..<100_000 { text += "  at Module.function\(i)(File.swift:\(i))\tfrom \u{1B}[2mcaller\u{1B}[0m 中\n" }
        var lines: [String] = []
        let t = Self.seconds { lines = Sanitizer.multiLine(text) }
        #expect(t < 2, "took \(t) s")
        #expect(lines.count == 100_001)
        #expect(lines[7] == "  at Module.function7(File.swift:7) from \\e[2mcaller\\e[0m 中")
    }

    @Test func cellsOfHugeValuesCostOnlyWhatIsShown() {
        let huge = String(repeating: "中文 text ", count: 100_000)
        var cell = ""
        let t = Self.seconds { for _ in 0..<1000 { cell = DisplayWidth.fit(huge, to: 40) } }
        #expect(t < 2, "took \(t) s")
        #expect(DisplayWidth.of(cell) == 40)
    }

    @Test func cellsOfHugeAsciiValuesCostOnlyWhatIsShown() {
        let huge = String(repeating: "0123456789", count: 100_000)
        var cell = ""
        let t = Self.seconds { for _ in 0..<1000 { cell = DisplayWidth.fit(huge, to: 40) } }
        #expect(t < 1, "took \(t) s")
        #expect(cell == "012345678901234567890123456789012345678…")
    }

    @Test func dashboardRedrawOfManyCellsIsFast() {
        let values = ["checkout-v2", "enabled", "rollout 25%", "用户组 beta", "🚀 launch", "err \u{1B}[31mboom"]
        var total = 0
        // 200x60 screen, ten cells a row, twenty redraws.
        let t = Self.seconds {
            for _ in 0..<20 {
                for row in 0..<60 {
                    for col in 0..<10 {
                        let value = values[(row + col) % values.count]
                        total += DisplayWidth.fit(Sanitizer.singleLine(value), to: 20).utf8.count
                    }
                }
            }
        }
        #expect(t < 2, "took \(t) s")
        #expect(total > 20 * 60 * 10 * 19)
    }
}
