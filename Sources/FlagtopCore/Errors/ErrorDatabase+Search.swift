import RedisClient

extension ErrorDatabase {
    /// What a search returns per hit.
    public enum Rows: Sendable, Equatable {
        /// Every field of every hit (the CLI's JSON, `search(_:on:)`).
        case full
        /// The small fields only, without `exceptionBody`, so that what a refresh transfers does not grow with
        /// the size of the stored exceptions; `exceptionHeads` fills in the start of each body.
        case list
    }

    /// The fields of a list row: everything flagtop writes except the exception body.
    public static let listFields = ["toggleName", "toggleValue", "fingerPrint", "ts", "sessionId", "releaseNum"]

    /// One page of hits and the total, newest first when the index has `ts`, with full documents.
    public func searchFetch(_ query: ErrorQuery, sortByTime: Bool) -> Fetch<ErrorSearchResult> {
        var status = layout ?? IndexStatus(exists: true, created: false, fields: [], hasTimestamp: sortByTime)
        status.hasTimestamp = sortByTime
        return searchFetch(query, status: status, rows: .full)
    }

    /// One page of hits and the total in one round trip (RediSearch backends; basic uses `search(_:on:)`).
    /// - 1.x, and 2.x+ indexes that hold only error documents and declare `ts` (flagtop's own): FT.SEARCH,
    ///   `SORTBY ts DESC` when the index has `ts`.
    /// - other 2.x+ indexes: FT.AGGREGATE, which sorts by `ts` even when the index does not declare it and
    ///   keeps only error documents (`FILTER exists(@toggleName)`: an index that covers every HASH also holds
    ///   toggles and sessions), with a second command for the total.
    public func searchFetch(_ query: ErrorQuery, status: IndexStatus, rows: Rows) -> Fetch<ErrorSearchResult> {
        if case .rediSearch2 = backend, !(status.coversOnlyErrors && status.hasTimestamp) { return aggregateFetch(query, rows: rows) }
        var command = RedisCommand("FT.SEARCH", index, query.rediSearchQuery)
        if status.hasTimestamp { command.append("SORTBY", "ts", "DESC") }
        if rows == .list { command.append("RETURN", Self.listFields.count); for f in Self.listFields { command.append(f) } }
        command.append("LIMIT", max(query.offset, 0), max(query.limit, 1))
        let missing = missingIndexMessage
        return Fetch(commands: [command]) { (replies) throws(FlagtopError) -> ErrorSearchResult in
            try Self.parseSearch(replies.first!, missingIndex: missing)
        }
    }

    private func aggregateFetch(_ query: ErrorQuery, rows: Rows) -> Fetch<ErrorSearchResult> {
        // `toggleName` is small and every error document has it; toggles, sessions and documents that vanished
        // since they were indexed do not.
        var page = RedisCommand("FT.AGGREGATE", index, query.rediSearchQuery, "LOAD", 3, "@__key", "@toggleName", "@ts",
                                "FILTER", "exists(@toggleName)",
                                "SORTBY", 2, "@ts", "DESC", "LIMIT", max(query.offset, 0), max(query.limit, 1))
        // Loaded after LIMIT, so only for the rows of the page.
        switch rows {
        case .full: page.append("LOAD", "*")
        case .list:
            let rest = Self.listFields.filter { $0 != "toggleName" && $0 != "ts" }
            page.append("LOAD", rest.count)
            for f in rest { page.append("@" + f) }
        }
        let count = RedisCommand("FT.AGGREGATE", index, query.rediSearchQuery, "LOAD", 1, "@toggleName",
                                 "FILTER", "exists(@toggleName)", "GROUPBY", 0, "REDUCE", "COUNT", 0, "AS", "n")
        let missing = missingIndexMessage
        return Fetch(commands: [page, count]) { (replies) throws(FlagtopError) -> ErrorSearchResult in
            let hits = try Self.parseAggregate(replies[replies.startIndex], missingIndex: missing)
            let countReply = replies[replies.startIndex + 1]
            if let error = countReply.serverError { throw Self.searchError(error.description, missingIndex: missing) }
            // `[1, ["n", "3"]]`, or `[0]` when nothing matched.
            let counted = countReply.array?.dropFirst().first?.array.flatMap { $0.count == 2 ? $0[1].string.flatMap { Int($0) } : nil } ?? 0
            return ErrorSearchResult(total: max(counted, max(query.offset, 0) + hits.count), hits: hits)
        }
    }

    /// A search error reply: a query the module rejects is `.query` (shown as a message), an index that does
    /// not exist says so, naming it; anything else is a Redis error.
    static func searchError(_ message: String, missingIndex: String? = nil) -> FlagtopError {
        if isUnknownIndex(message) { return .notFound(missingIndex ?? RedisConnection.firstLineOf(message)) }
        let lower = message.lowercased()
        if lower.contains("syntax") || lower.contains("parse") || lower.contains("unknown") || lower.contains("invalid")
            || lower.contains("not loaded") || lower.contains("not in schema") {
            return .query(RedisConnection.firstLineOf(message))
        }
        return .redis(RedisError.fromServer(message))
    }

    /// An FT.SEARCH reply: `[total, id, [f, v, …], id, …]`. A document that vanished between indexing and
    /// reading (expired, or deleted behind the index) comes back as nil: it is not a hit, and not counted.
    static func parseSearch(_ reply: RedisReply, missingIndex: String? = nil) throws(FlagtopError) -> ErrorSearchResult {
        if case let .error(message) = reply { throw searchError(message, missingIndex: missingIndex) }
        guard case let .array(items) = reply, let total = items.first?.int else { return ErrorSearchResult(total: 0, hits: []) }
        var hits: [ErrorRecord] = []
        var vanished = 0
        var i = 1
        while i < items.count {
            let id = RedisBytes.decode(items[i].bytes ?? [])
            let next = i + 1 < items.count ? items[i + 1] : nil
            switch next {
            case let .array(pairs)? where !pairs.isEmpty:
                hits.append(ErrorRecord(id: id, fields: (try? next!.hashPairs(key: id)) ?? []))
                i += 2
            case .null?, .array?:
                // nil (2.x) or no fields at all (1.x keeps a stale entry for a deleted or expired HASH).
                vanished += 1
                i += 2
            default:
                // NOCONTENT: ids only.
                hits.append(ErrorRecord(id: id, fields: []))
                i += 1
            }
        }
        return ErrorSearchResult(total: max(Int(total) - vanished, hits.count), hits: hits)
    }

    /// An FT.AGGREGATE reply: `[n, [k, v, …], …]`, the key in `__key`.
    static func parseAggregate(_ reply: RedisReply, missingIndex: String? = nil) throws(FlagtopError) -> [ErrorRecord] {
        if case let .error(message) = reply { throw searchError(message, missingIndex: missingIndex) }
        guard case let .array(items) = reply else { return [] }
        var hits: [ErrorRecord] = []
        for row in items.dropFirst() {
            guard case .array = row, let pairs = try? row.hashPairs(key: "") else { continue }
            guard let key = pairs.first(where: { $0.name == "__key" })?.value else { continue }
            hits.append(ErrorRecord(id: key, fields: pairs.filter { $0.name != "__key" }))
        }
        return hits
    }

    /// Searches with any backend: missing index → `.notFound` naming it; with a search module and a database
    /// other than 0 → `.invalidArgument` saying why. List rows get their bodies' heads unless `heads` is false
    /// (the dashboard keeps them per id).
    public func search(_ query: ErrorQuery, on connection: any RedisClientProtocol, rows: Rows = .full, heads: Bool = true) throws(FlagtopError) -> ErrorSearchResult {
        var result: ErrorSearchResult
        switch backend {
        case .rediSearch1, .rediSearch2:
            let status = try ensureIndex(on: connection, create: false)
            guard status.exists else { throw .notFound(missingIndexMessage) }
            result = try searchFetch(query, status: status, rows: rows).run(on: connection)
        case .basic:
            result = try basicSearch(query, on: connection, rows: rows)
        }
        if rows == .list, heads {
            let heads = try exceptionHeads(keys: result.hits.map(\.id), on: connection)
            for i in result.hits.indices {
                result.hits[i].exceptionHead = heads[result.hits[i].id]?.text
                result.hits[i].exceptionBodyBytes = heads[result.hits[i].id]?.bytes
            }
        }
        return result
    }

    /// "no error index 'NAME' on this server", for searches of an index that does not exist.
    public var missingIndexMessage: String {
        "no error index '\(index)' on this server (`flagtop errors report` creates it; --index names another)"
    }

    /// Error counts by developer: every name in `fingerPrint`, split on commas and trimmed (at most `maxDocuments` read).
    public func fingerprints(on connection: any RedisClientProtocol, maxDocuments: Int = 100_000) throws(FlagtopError) -> [FingerprintCount] {
        var counts: [String: Int] = [:]
        func count(_ value: String) {
            for name in FingerprintList.split(value) { counts[name, default: 0] += 1 }
        }
        switch backend {
        case .rediSearch1, .rediSearch2:
            guard try ensureIndex(on: connection, create: false).exists else { throw .notFound(missingIndexMessage) }
            var offset = 0
            let page = 1000
            while offset < maxDocuments {
                let reply: RedisReply
                // toggleName too: every error document has it, so an empty row means a vanished document.
                do { reply = try connection.perform(RedisCommand("FT.SEARCH", index, "*", "RETURN", 2, "toggleName", "fingerPrint", "LIMIT", offset, page)) }
                catch { throw .redis(error) }
                let result = try Self.parseSearch(reply, missingIndex: missingIndexMessage)
                for hit in result.hits where hit.toggleName != nil { count(hit.fingerPrint ?? "") }
                offset += page
                // The reply's own total pages the index; vanished documents are not subtracted here.
                let indexed = reply.array?.first?.int.map(Int.init) ?? 0
                if offset >= indexed || reply.array?.count ?? 0 <= 1 { break }
            }
        case .basic:
            let ids: [String]
            do { ids = try connection.send("ZREVRANGE", timeKey, 0, maxDocuments - 1).array?.compactMap { $0.string } ?? [] } catch { throw .redis(error) }
            let replies: [RedisReply]
            do { replies = try connection.pipeline(ids.map { RedisCommand("HGET", $0, "fingerPrint") }) } catch { throw .redis(error) }
            for reply in replies { if let v = reply.bytes { count(RedisBytes.decode(v)) } }
        }
        return counts.map { FingerprintCount(name: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }
}

/// How many errors carry one developer name.
public struct FingerprintCount: Sendable, Equatable, Hashable {
    public var name: String
    public var count: Int
    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}

extension String {
    func caseInsensitiveCompare(_ other: String) -> Bool { lowercased() == other.lowercased() }
}

extension RedisConnection {
    static func firstLineOf(_ text: String) -> String { String(text.prefix(while: { !$0.isNewline })) }
}
