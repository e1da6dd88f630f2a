import Foundation
import FlagtopTestSupport
import Testing

@testable import FlagtopUI

/// Randomly damaged theme files must give a theme or an error, never abort the process
/// (TOMLKit's toml++ asserts on some malformed input; `TOMLPreflight` must catch all of it).
struct ThemeFuzzTests {
    /// Characters and fragments that reach toml++'s fragile paths: headers, arrays, dates, escapes.
    static let pieces: [String] =
        Array("[]{}=.\"'#\n ,-_+:T\\e0x\t\r9Z\u{00A0}\u{2028}u5").map(String.init) + [
            "[[", "]]", "1979-05-27", "12:00:00", "1979-05-27T07:32:00Z", "inf", "nan", "0x1F", "1e5", "1.5",
            "\"\"\"", "'''", "\\u00e9", "= [", "], ", " = {", "}",
        ]

    @Test(arguments: ThemeTestSupport.shippedNames)
    func mutatedShippedThemesNeverCrash(name: String) throws {
        let url = ThemeTestSupport.shippedThemesDirectory.appendingPathComponent("\(name).toml")
        let original = Array(try String(contentsOf: url, encoding: .utf8).unicodeScalars)
        var random = Random(seed: UInt64(name.unicodeScalars.count) &* 7919)
        var accepted = 0
        var rejected = 0
        for _ in 0..<TestScale.iterations(300) {
            var scalars = original
            for _ in 0..<random.next(upTo: 4) + 1 {
                let position = random.next(upTo: scalars.count + 1)
                let piece = Self.pieces[random.next(upTo: Self.pieces.count)].unicodeScalars
                switch random.next(upTo: 3) {
                case 0 where position < scalars.count: scalars.remove(at: position)
                case 1 where position < scalars.count: scalars.replaceSubrange(position...position, with: piece)
                default: scalars.insert(contentsOf: piece, at: position)
                }
            }
            do {
                _ = try ThemeParser.parse(String(String.UnicodeScalarView(scalars)), fallbackName: name)
                accepted += 1
            } catch {
                #expect(!error.message.isEmpty)
                rejected += 1
            }
        }
        // Both outcomes occur, so the mutations really exercise the error paths and the happy path.
        #expect(accepted > 0)
        #expect(rejected > 0)
    }

    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    struct Random {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next(upTo bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
    }
}
