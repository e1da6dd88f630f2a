import RedisClient

/// The seeds' recent-log LISTs: `recent:<name>:<severity>`, newest first, `<asctime> <message>`, 100 entries.
public struct RecentLogs: Sendable {
    public static let keyPrefix = "recent:"
    public static let capacity = 100

    public init() {}

    public static func key(name: String, severity: String) -> String { "\(keyPrefix)\(name):\(severity)" }

    /// The exact key bytes: a name read from a key with invalid UTF-8 (raw-byte markers, see `RedisBytes`)
    /// addresses that same key again.
    public static func keyBytes(name: String, severity: String) -> [UInt8] { RedisBytes.encode(key(name: name, severity: severity)) }

    /// The seeds' `log_recent`: LPUSH the `asctime message` entry and LTRIM 0 99, in one MULTI/EXEC pipeline
    /// (redis-py's `pipeline()` is transactional by default, so this is byte for byte what the seeds send).
    public static func logCommands(name: String, message: String, severity: String, time: String = AscTime.now()) -> [RedisCommand] {
        let destination = keyBytes(name: name, severity: Severity.normalize(severity))
        return [
            RedisCommand("LPUSH", destination, time + " " + message),
            RedisCommand("LTRIM", destination, 0, capacity - 1),
        ]
    }

    /// Writes one line stamped now.
    public func log(name: String, message: String, severity: String = "info", on connection: any RedisClientProtocol) throws(FlagtopError) {
        try log(name: name, message: message, severity: severity, time: AscTime.now(), on: connection)
    }

    /// Writes one line; `time` is its asctime prefix (`AscTime.format`).
    public func log(name: String, message: String, severity: String, time: String, on connection: any RedisClientProtocol) throws(FlagtopError) {
        do {
            let commands = Self.logCommands(name: name, message: message, severity: severity, time: time)
            let replies = try connection.pipeline([RedisCommand("MULTI")] + commands + [RedisCommand("EXEC")])
            let results: [RedisReply]
            if replies[0].serverError != nil {
                // MULTI refused (an ACL without it): Redis then ran LPUSH and LTRIM on their own. Report what they
                // did — the line is written when LPUSH was — rather than the refused MULTI (issue 12).
                results = Array(replies[1...commands.count])
            } else {
                results = try Self.execResults(replies)
            }
            if let error = results.first(where: { $0.serverError != nil })?.serverError {
                if error.code == "WRONGTYPE" { throw FlagtopError.wrongType(key: Self.key(name: name, severity: Severity.normalize(severity)), type: "key of another type", expected: "list") }
                throw FlagtopError.redis(error)
            }
        } catch let error as RedisError {
            throw .redis(error)
        } catch let error as FlagtopError {
            throw error
        } catch {
            throw .redis(.protocolError("\(error)"))
        }
    }

    /// EXEC's results, or the error that kept the transaction from running (as `transaction` reports it).
    static func execResults(_ replies: [RedisReply]) throws(RedisError) -> [RedisReply] {
        for reply in replies.dropLast() { if let error = reply.serverError { throw error } }
        switch replies.last! {
        case let .array(results): return results
        case .null: throw .server(code: "EXECABORT", message: "EXECABORT transaction aborted")
        case let .error(message): throw RedisError.fromServer(message)
        default: throw .protocolError("unexpected EXEC reply")
        }
    }

    /// LRANGE 0 99 of each severity list of `name`, merged newest first (by time, then list order).
    public func fetch(name: String, severities: [String] = Severity.standard) -> Fetch<[LogEntry]> {
        fetchLists(name: name, severities: severities).map { Self.mergeNewestFirst($0) }
    }

    /// LRANGE 0 99 of each severity list, one newest-first list per severity (empty for a wrong-typed key).
    /// Followers compare these per list: merged lists reorder entries of the same second, so a prefix test on
    /// them misses new lines.
    public func fetchLists(name: String, severities: [String] = Severity.standard) -> Fetch<[[LogEntry]]> {
        let keys = severities.map { Self.keyBytes(name: name, severity: $0) }
        return Fetch(commands: keys.map { RedisCommand("LRANGE", $0, 0, Self.capacity - 1) }) { (replies) throws(FlagtopError) -> [[LogEntry]] in
            var lists: [[LogEntry]] = []
            for (severity, reply) in zip(severities, replies) {
                if let error = reply.serverError {
                    if error.code == "WRONGTYPE" { lists.append([]); continue }  // a wrong-typed key is skipped, never fatal
                    throw .redis(error)
                }
                guard case let .array(items) = reply else { lists.append([]); continue }
                lists.append(items.compactMap(\.bytes).map { Self.entry(name: name, severity: severity, raw: $0) })
            }
            return lists
        }
    }

    public static func entry(name: String, severity: String, raw: [UInt8]) -> LogEntry {
        var parser = AscTimeParser()
        return entry(name: name, severity: severity, raw: raw, using: &parser)
    }

    /// `entry` for many entries at once (the parser remembers the local hours it has converted).
    public static func entry(name: String, severity: String, raw: [UInt8], using parser: inout AscTimeParser) -> LogEntry {
        let (time, message, seconds) = AscTime.split(RedisBytes.decode(raw), using: &parser)
        return LogEntry(name: name, severity: severity, time: time, message: message, timestamp: seconds)
    }

    /// Merges lists that are each newest first into one newest-first list (docs/data-layout.md, "Recent logs").
    ///
    /// Lines carry whole seconds and nothing else about when they were written, so between lists the order
    /// inside one second is not stored anywhere. The rule, deterministic and never against any list's own
    /// order: inside a second, each list's lines are taken as spread evenly over it (the i-th oldest of n at
    /// i/(n+1) of the second) and interleaved by that estimate; equal estimates go to the list given first.
    /// So info A, error B, info C written in one second come back as C, B, A, where a tie rule by severity
    /// alone would give C, A, B. Entries without a time keep their place relative to their own list.
    public static func mergeNewestFirst(_ lists: [[LogEntry]]) -> [LogEntry] {
        merge(lists.map(keyed)).map(\.entry)
    }

    /// A line and where it sorts: its second, then its estimated place inside that second.
    typealias Keyed = (entry: LogEntry, second: Int, place: Double)

    /// The sort keys of one newest-first list (see `mergeNewestFirst`).
    static func keyed(_ list: [LogEntry]) -> [Keyed] {
        var out: [Keyed] = []
        out.reserveCapacity(list.count)
        var start = 0
        while start < list.count {
            guard let second = list[start].timestamp else {
                out.append((list[start], Int.max, 0.5))
                start += 1
                continue
            }
            var end = start + 1
            while end < list.count, list[end].timestamp == second { end += 1 }
            let n = end - start
            for j in 0..<n { out.append((list[start + j], second, Double(n - j) / Double(n + 1))) }
            start = end
        }
        return out
    }

    static func merge(_ lists: [[Keyed]]) -> [Keyed] {
        // Pairwise rounds: O(entries × log lists) rather than O(entries × lists) for the one-pass k-way scan.
        // Taking the left head on ties keeps the result identical to a k-way merge that prefers lower lists.
        var round = lists
        while round.count > 1 {
            var next: [[Keyed]] = []
            next.reserveCapacity((round.count + 1) / 2)
            var i = 0
            while i < round.count {
                next.append(i + 1 < round.count ? mergeTwo(round[i], round[i + 1]) : round[i])
                i += 2
            }
            round = next
        }
        return round.first ?? []
    }

    private static func mergeTwo(_ left: [Keyed], _ right: [Keyed]) -> [Keyed] {
        if right.isEmpty { return left }
        if left.isEmpty { return right }
        var out: [Keyed] = []
        out.reserveCapacity(left.count + right.count)
        var l = 0, r = 0
        while l < left.count && r < right.count {
            if (right[r].second, right[r].place) > (left[l].second, left[l].place) {
                out.append(right[r]); r += 1
            } else {
                out.append(left[l]); l += 1
            }
        }
        out.append(contentsOf: left[l...])
        out.append(contentsOf: right[r...])
        return out
    }

    /// Log names and their severities, from one full incremental `SCAN MATCH recent:* COUNT 1000` pass.
    public func names(on connection: any RedisClientProtocol, maxSteps: Int = 100_000) throws(FlagtopError) -> [String: [String]] {
        var cursor = "0"
        var out: [String: Set<String>] = [:]
        var steps = 0
        repeat {
            let reply: RedisReply
            do { reply = try connection.send("SCAN", cursor, "MATCH", Self.keyPrefix + "*", "COUNT", 1000) } catch { throw .redis(error) }
            guard case let .array(parts) = reply, parts.count == 2, let next = parts[0].string, case let .array(keys) = parts[1] else { break }
            for key in keys.compactMap(\.bytes) {
                if let (name, severity) = Self.parseKey(RedisBytes.decode(key)) { out[name, default: []].insert(severity) }
            }
            cursor = next
            steps += 1
        } while cursor != "0" && steps < maxSteps
        return out.mapValues { $0.sorted { Severity.rank($0) < Severity.rank($1) } }
    }

    /// `recent:<name>:<severity>` → (name, severity); the severity is after the last colon, so names may hold colons.
    public static func parseKey(_ key: String) -> (String, String)? {
        guard key.hasPrefix(keyPrefix) else { return nil }
        let rest = key.dropFirst(keyPrefix.count)
        guard let colon = rest.lastIndex(of: ":") else { return nil }
        let name = String(rest[..<colon])
        let severity = String(rest[rest.index(after: colon)...])
        guard !name.isEmpty, !severity.isEmpty else { return nil }
        return (name, severity)
    }

    /// New entries of each list (`old` and `new` per severity, as `fetchLists` returns them), merged newest first.
    /// The places inside a second are estimated on the whole new lists, so the new lines come out in the same
    /// order as they do in `mergeNewestFirst(newLists)`.
    public static func newEntries(oldLists: [[LogEntry]], newLists: [[LogEntry]]) -> [LogEntry] {
        merge(newLists.enumerated().map { i, list in
            let fresh = newEntries(old: i < oldLists.count ? oldLists[i] : [], new: list).count
            return Array(keyed(list).prefix(fresh))
        }).map(\.entry)
    }

    /// Entries in `new` (newest first) that are not in `old`: the prefix of `new` before `old`'s head reappears.
    public static func newEntries(old: [LogEntry], new: [LogEntry]) -> [LogEntry] {
        guard let head = old.first else { return new }
        for start in 0..<new.count where new[start] == head {
            let overlap = min(old.count, new.count - start)
            if Array(new[start..<start + overlap]) == Array(old[0..<overlap]) { return Array(new[..<start]) }
        }
        return new
    }
}
