import FlagtopCore
import Testing
@testable import FlagtopUI

/// Keys and the detail view of the Errors pane (issue 14, points 7, 10 and 11).
@Suite struct ErrorsPaneKeysTests {
    typealias F = Fixtures

    /// Point 10: Esc on the Errors pane goes back to every error (it left the query in place).
    @Test func escapeOnTheErrorsPaneResetsTheQuery() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("3"), .char("/"), .ctrl("u"))
        F.type(&state, "John")
        #expect(F.press(&state, .enter) == [.setErrorQuery("John")])
        #expect(F.press(&state, .escape) == [.setErrorQuery("*")])
        #expect(state.errorQuery == "*")
        // With the query already `*`, Esc clears the message as before and asks nothing of the poller.
        #expect(F.press(&state, .escape).isEmpty)
        // Other panes keep their own filter behaviour.
        F.press(&state, .char("1"))
        #expect(F.press(&state, .escape).isEmpty)
        #expect(state.errorQuery == "*")
    }

    /// Point 7: opening the fingerprint browser asks for a refresh, which recounts the fingerprints.
    @Test func fingerprintBrowserAsksForFreshCounts() {
        var state = F.state(width: 120, height: 40)
        F.press(&state, .char("3"))
        #expect(F.press(&state, .char("f")) == [.refreshNow])
        guard case .fingerprints = state.overlay else { Issue.record("no browser: \(state.overlay)"); return }
    }

    static func text(_ lines: [StyledLine]) -> String {
        lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
    }

    /// Point 11: list rows carry only the start of a body; the detail view shows the document read on its own.
    @Test func detailShowsTheDocumentReadForIt() {
        let id = "big:11-21-26-19-13-40"
        var row = ErrorRecord(id: id, fields: [Field("toggleName", "big"), Field("fingerPrint", "Ann K")])
        row.exceptionHead = "java.lang.OutOfMemoryError: huge"
        row.exceptionBodyBytes = 2_000_000
        var data = F.normalData
        data.errors = ErrorSearchResult(total: 1, hits: [row])
        let state = F.state(width: 120, height: 40, data: data)
        let before = Self.text(DetailContent.lines(state, .error(id: id), width: 100))
        #expect(before.contains("java.lang.OutOfMemoryError: huge"))
        #expect(before.contains("reading the whole exception"))
        var detail = ErrorRecord(id: id, fields: [Field("toggleName", "big"), Field("fingerPrint", "Ann K")])
        detail.exceptionHead = "java.lang.OutOfMemoryError: huge\n\tat A.b(A.java:1) …"
        detail.exceptionBodyBytes = 2_000_000
        var withDetail = data
        withDetail.errorDetail = detail
        let after = Self.text(DetailContent.lines(F.state(width: 120, height: 40, data: withDetail), .error(id: id), width: 100))
        #expect(after.contains("A.b(A.java:1)"))
        #expect(after.contains("the first part of 2000000 bytes"))
        // A whole body read for the detail is shown as it is.
        var small = detail
        small.exceptionHead = nil
        small.exceptionBodyBytes = nil
        small.fields.append(Field("exceptionBody", "the whole story"))
        withDetail.errorDetail = small
        let whole = Self.text(DetailContent.lines(F.state(width: 120, height: 40, data: withDetail), .error(id: id), width: 100))
        #expect(whole.contains("the whole story"))
    }
}
