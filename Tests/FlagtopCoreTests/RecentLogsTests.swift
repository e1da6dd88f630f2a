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

/// The pairwise merge against a one-pass k-way merge (kept here as the reference), both ordering one second's
/// lines by their estimated place in it: the i-th oldest of a list's n lines of that second at i/(n+1).
@Suite struct RecentLogsMergeReferenceTests {
    static func place(_ list: [LogEntry], _ k: Int) -> Double {
        guard let t = list[k].timestamp else { return 0.5 }
        let newer = list[..<k].reversed().prefix(while: { $0.timestamp == t }).count
        let older = list[(k + 1)...].prefix(while: { $0.timestamp == t }).count
        return Double(older + 1) / Double(newer + older + 2)
    }

    static func referenceMerge(_ lists: [[LogEntry]]) -> [LogEntry] {
        var indices = Array(repeating: 0, count: lists.count)
        var out: [LogEntry] = []
        func key(_ i: Int) -> (Int, Double) { (lists[i][indices[i]].timestamp ?? Int.max, place(lists[i], indices[i])) }
        while true {
            var best: Int?
            for (i, list) in lists.enumerated() where indices[i] < list.count {
                guard let b = best else { best = i; continue }
                if key(i) > key(b) { best = i }
            }
            guard let b = best else { break }
            out.append(lists[b][indices[b]])
            indices[b] += 1
        }
        return out
    }

    @Test func pairwiseMergeEqualsTheKWayMerge() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let listCount = Int.random(in: 0...9, using: &generator)
            let lists: [[LogEntry]] = (0..<listCount).map { l in
                // Mostly descending times with ties and untimed entries mixed in, as real lists have.
                var t = 1_000
                return (0..<Int.random(in: 0...12, using: &generator)).map { j in
                    t -= Int.random(in: 0...3, using: &generator)
                    let timed = Int.random(in: 0..<6, using: &generator) != 0
                    return LogEntry(name: "l\(l)", severity: "info", time: "", message: "\(round)-\(l)-\(j)", timestamp: timed ? t : nil)
                }
            }
            #expect(RecentLogs.mergeNewestFirst(lists) == Self.referenceMerge(lists))
        }
    }
}

/// Lines of one second in different severities: their order between lists is not stored, so the merge follows
/// one documented rule (each list spread evenly over the second) that keeps every list's own order.
@Suite struct RecentLogsSameSecondTests {
    func entry(_ message: String, _ t: Int, _ severity: String) -> LogEntry {
        LogEntry(name: "app", severity: severity, time: AscTime.format(t), message: message, timestamp: t)
    }

    @Test func interleavedWritesOfOneSecondComeBackInWriteOrder() {
        // Written in this order, all in second 100: info A, error B, info C.
        let info = [entry("C", 100, "info"), entry("A", 100, "info")]
        let error = [entry("B", 100, "error")]
        #expect(RecentLogs.mergeNewestFirst([info, error]).map(\.message) == ["C", "B", "A"])
        #expect(RecentLogs.mergeNewestFirst([error, info]).map(\.message) == ["C", "B", "A"])
        // Two lines of each severity: nothing tells them apart, so the list given first goes first, every time.
        let i2 = [entry("i2", 7, "info"), entry("i1", 7, "info")]
        let e2 = [entry("e2", 7, "error"), entry("e1", 7, "error")]
        #expect(RecentLogs.mergeNewestFirst([i2, e2]).map(\.message) == ["i2", "e2", "i1", "e1"])
    }

    @Test func everyListKeepsItsOwnOrderAndTheResultIsDeterministic() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let lists: [[LogEntry]] = (0..<3).map { l in
                var t = 1000
                return (0..<Int.random(in: 0...12, using: &rng)).map { k in
                    t -= Int.random(in: 0...1, using: &rng)
                    return entry("\(l)-\(k)", t, "s\(l)")
                }
            }
            let merged = RecentLogs.mergeNewestFirst(lists)
            #expect(merged.count == lists.map(\.count).reduce(0, +))
            for (l, list) in lists.enumerated() {
                #expect(merged.filter { $0.severity == "s\(l)" } == list)
            }
            #expect(zip(merged, merged.dropFirst()).allSatisfy { ($0.timestamp ?? 0) >= ($1.timestamp ?? 0) })
            #expect(RecentLogs.mergeNewestFirst(lists) == merged)
        }
    }

    @Test func followingPrintsNewLinesInTheMergedOrder() {
        let old: [[LogEntry]] = [[entry("A", 100, "info")], []]
        let new: [[LogEntry]] = [[entry("C", 100, "info"), entry("A", 100, "info")], [entry("B", 100, "error")]]
        #expect(RecentLogs.newEntries(oldLists: old, newLists: new).map(\.message) == ["C", "B"])
    }
}
