import Foundation
import Testing

/// Compares `actual` with `Tests/FlagtopUITests/__Snapshots__/<name>.txt`.
///
/// With `RECORD_SNAPSHOTS=1` the file is (re)written and the test fails, so a recording never
/// passes silently; a missing file fails with the command that records it.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    let content = actual.hasSuffix("\n") ? actual : actual + "\n"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try content.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded snapshot \(name).txt; look at it, then run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not record snapshot \(name).txt: \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record(
            "missing snapshot \(name).txt; record it with: RECORD_SNAPSHOTS=1 swift test --filter FlagtopUITests",
            sourceLocation: sourceLocation)
        return
    }
    guard expected != content else { return }
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let got = content.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(want.count, got.count)).first(where: { want[$0] != got[$0] }) ?? min(want.count, got.count)
    let expectedLine = line < want.count ? String(want[line]) : "<end>"
    let actualLine = line < got.count ? String(got[line]) : "<end>"
    Issue.record(
        """
        snapshot \(name).txt differs at line \(line + 1):
          expected: \(expectedLine)
          actual:   \(actualLine)
        (RECORD_SNAPSHOTS=1 re-records it)
        """, sourceLocation: sourceLocation)
}
