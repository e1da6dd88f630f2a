import FlagtopCore
import RedisClient
import Testing

/// Recent-log keys, merging severities and finding new entries for `--follow`.
@Suite struct RecentLogsTests {
    func entry(_ message: String, _ t: Int?, severity: String = "info") -> LogEntry {
        LogEntry(name: "app", severity: severity, time: t.map { AscTime.format($0) } ?? "", message: message, timestamp: t)
    }

    @Test func parseKey() {
        #expect(RecentLogs.parseKey("recent:checkout:error")! == ("checkout", "error"))
        #expect(RecentLogs.parseKey("recent:svc:eu:1:warning")! == ("svc:eu:1", "warning"))
        #expect(RecentLogs.parseKey("recent:x") == nil)
        #expect(RecentLogs.parseKey("recent::info") == nil)
        #expect(RecentLogs.parseKey("recent:app:") == nil)
        #expect(RecentLogs.parseKey("session:app:info") == nil)
    }

    @Test func keyAndLogCommands() {
        #expect(RecentLogs.key(name: "checkout", severity: "info") == "recent:checkout:info")
        let commands = RecentLogs.logCommands(name: "checkout", message: "hi there", severity: "40", time: "Fri Apr  5 09:51:05 2019")
        #expect(commands == [
            RedisCommand("LPUSH", "recent:checkout:error", "Fri Apr  5 09:51:05 2019 hi there"),
            RedisCommand("LTRIM", "recent:checkout:error", "0", "99"),
        ])
    }

    @Test func mergeInterleavesByTime() {
        let info = [entry("i3", 300), entry("i1", 100)]
        let error = [entry("e4", 400, severity: "error"), entry("e2", 200, severity: "error")]
        let merged = RecentLogs.mergeNewestFirst([info, error])
        #expect(merged.map(\.message) == ["e4", "i3", "e2", "i1"])
    }

    @Test func mergeKeepsListOrderForUntimedEntries() {
        let a = [entry("a-untimed", nil), entry("a1", 100)]
        let b = [entry("b2", 200)]
        let merged = RecentLogs.mergeNewestFirst([a, b])
        #expect(merged.count == 3)
        // Within list a the untimed entry still comes before a1.
        let ia = merged.firstIndex { $0.message == "a-untimed" }!
        let ia1 = merged.firstIndex { $0.message == "a1" }!
        #expect(ia < ia1)
        #expect(merged.firstIndex { $0.message == "b2" }! < ia1)
    }

    @Test func mergeEmpty() {
        #expect(RecentLogs.mergeNewestFirst([]).isEmpty)
        #expect(RecentLogs.mergeNewestFirst([[], []]).isEmpty)
    }

    @Test func newEntriesArePrefixBeforeOldHead() {
        let old = [entry("c", 3), entry("b", 2), entry("a", 1)]
        let new = [entry("e", 5), entry("d", 4)] + old
        #expect(RecentLogs.newEntries(old: old, new: new).map(\.message) == ["e", "d"])
        #expect(RecentLogs.newEntries(old: old, new: old).isEmpty)
        #expect(RecentLogs.newEntries(old: [], new: old).map(\.message) == ["c", "b", "a"])
    }

    @Test func newEntriesWithARepeatOfTheOldHead() {
        let b = entry("same", 2)
        let old = [b, entry("a", 1)]
        let new = [b, b, entry("a", 1)]
        #expect(RecentLogs.newEntries(old: old, new: new) == [b])
    }

    @Test func newEntriesAfterTrimmingKeepsOverlap() {
        // The list was trimmed: old's tail fell off, but its head is still there.
        let old = [entry("c", 3), entry("b", 2), entry("a", 1)]
        let new = [entry("d", 4), entry("c", 3), entry("b", 2)]
        #expect(RecentLogs.newEntries(old: old, new: new).map(\.message) == ["d"])
    }

    @Test func newEntriesPerListFindLinesOfTheSameSecondInAnotherSeverity() {
        // Both lines carry the same second: merged, "second" sorts after "first", so a prefix test on the merged
        // view would miss it. Compared per list it is found.
        let first = entry("first", 100)
        let second = entry("second", 100, severity: "error")
        let old: [[LogEntry]] = [[first], []]
        let new: [[LogEntry]] = [[first], [second]]
        #expect(RecentLogs.newEntries(oldLists: old, newLists: new) == [second])
        #expect(RecentLogs.newEntries(oldLists: new, newLists: new).isEmpty)
        let third = entry("third", 101)
        #expect(RecentLogs.newEntries(oldLists: old, newLists: [[third, first], [second]]).map(\.message) == ["third", "second"])
    }
}
