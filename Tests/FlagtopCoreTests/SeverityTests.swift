import FlagtopCore
import Testing

/// The seeds' SEVERITY table: logging numbers and upper-case names map onto the five names.
@Suite struct SeverityTests {
    @Test(arguments: [
        ("10", "debug"), ("20", "info"), ("30", "warning"), ("40", "error"), ("50", "critical"),
        ("DEBUG", "debug"), ("INFO", "info"), ("WARNING", "warning"), ("ERROR", "error"), ("CRITICAL", "critical"),
        ("debug", "debug"), ("info", "info"), ("warning", "warning"), ("error", "error"), ("critical", "critical"),
    ])
    func standardLevels(raw: String, expected: String) {
        #expect(Severity.normalize(raw) == expected)
    }

    @Test(arguments: [("Audit", "audit"), ("NOTICE", "notice"), ("15", "15"), ("Trace", "trace")])
    func othersAreLowerCasedAsIs(raw: String, expected: String) {
        #expect(Severity.normalize(raw) == expected)
    }

    @Test func rankOrdersStandardNames() {
        let ranks = Severity.standard.map(Severity.rank)
        #expect(ranks == ranks.sorted())
        #expect(Severity.rank("critical") > Severity.rank("debug"))
    }
}
