import FlagtopUI
import Foundation
import Testing

/// The README's key list is generated from the one binding table; this keeps them in step.
@Suite struct ReadmeKeyTableTests {
    static let begin = "<!-- keys:begin (generated from KeyBindings.markdownTable(); a test checks it) -->"
    static let end = "<!-- keys:end -->"

    @Test func readmeListsEveryBindingExactly() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readmeURL = root.appendingPathComponent("README.md")
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let table = KeyBindings.markdownTable().trimmingCharacters(in: .newlines)
        let block = "\(Self.begin)\n\(table)\n\(Self.end)"
        if ProcessInfo.processInfo.environment["UPDATE_README"] == "1",
           let start = readme.range(of: Self.begin), let stop = readme.range(of: Self.end) {
            try (readme[..<start.lowerBound] + block + readme[stop.upperBound...]).write(to: readmeURL, atomically: true, encoding: .utf8)
            Issue.record("README key table rewritten; run again without UPDATE_README")
            return
        }
        #expect(readme.contains(block), "README key table is out of date: run UPDATE_README=1 swift test --filter ReadmeKeyTableTests")
    }
}
