import FlagtopCore
import Foundation
import Testing

/// The seeds' document id scheme and the fields flagtop writes.
@Suite struct ErrorReportTests {
    @Test func baseIDMatchesTheSeed() {
        let t = Double(Fixtures.seconds(2019, 3, 12, 10, 32, 5, zone: TimeZone(identifier: "UTC")!))
        #expect(ErrorReport.baseID(toggle: "useNewAlgorithm", time: t) == "useNewAlgorithm:03-12-19-10-32-05")
    }

    @Test func baseIDIsUTCAndZeroPadded() {
        let t = Double(Fixtures.seconds(2026, 1, 2, 3, 4, 5, zone: TimeZone(identifier: "UTC")!)) + 0.9
        #expect(ErrorReport.baseID(toggle: "x", time: t) == "x:01-02-26-03-04-05")
        let late = Double(Fixtures.seconds(2025, 12, 31, 23, 59, 59, zone: TimeZone(identifier: "UTC")!))
        #expect(ErrorReport.baseID(toggle: "a:b", time: late) == "a:b:12-31-25-23-59-59")
    }

    @Test func documentFieldsStartWithTheSeedsSchema() {
        let report = ErrorReport(toggleName: "t", exceptionBody: "boom", sessionId: "s1", toggleValue: "True", fingerPrint: "John S", releaseNum: "2.5")
        let fields = report.documentFields(time: 1_700_000_000.5)
        #expect(fields.map(\.0) == ["toggleName", "toggleValue", "fingerPrint", "exceptionBody", "ts", "sessionId", "releaseNum"])
        #expect(fields.map(\.1) == ["t", "True", "John S", "boom", "1700000000", "s1", "2.5"])
    }
}

/// Windows line endings: Swift reads "\r\n" as one Character, so line splitting must use isNewline.
@Suite struct LineEndingTests {
    @Test func firstLineStopsAtCRLF() {
        let record = ErrorRecord(id: "t:1", fields: [Field("exceptionBody", "boom\r\nat line 2")])
        #expect(record.firstLine == "boom")
    }
}
