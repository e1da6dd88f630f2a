import RedisClient

extension ErrorDatabase {
    /// One page of hits and the total, newest first when the index has `ts`. On RediSearch this is one command;
    /// use `search(_:on:)` for the basic backend, which needs a second round trip.
    public func searchFetch(_ query: ErrorQuery, sortByTime: Bool) -> Fetch<ErrorSearchResult> {
        var command = RedisCommand("FT.SEARCH", index, query.rediSearchQuery)
        if sortByTime { command.append("SORTBY", "ts", "DESC") }
        command.append("LIMIT", max(query.offset, 0), max(query.limit, 1))
        let prefix = documentPrefix
        return Fetch(commands: [command]) { (replies) throws(FlagtopError) -> ErrorSearchResult in
            try Self.parseSearch(replies.first!, prefix: prefix)
        }
    }

    static func parseSearch(_ reply: RedisReply, prefix: String) throws(FlagtopError) -> ErrorSearchResult {
        if case let .error(message) = reply {
            let lower = message.lowercased()
            if lower.contains("syntax") || lower.contains("parse") || lower.contains("unknown") || lower.contains("invalid") {
                throw .query(RedisConnection.firstLineOf(message))
            }
            throw .redis(RedisError.fromServer(message))
        }
        guard case let .array(items) = reply, let total = items.first?.int else { return ErrorSearchResult(total: 0, hits: []) }
        var hits: [ErrorRecord] = []
        var i = 1
        while i < items.count {
            var id = RedisBytes.decode(items[i].bytes ?? [])
            if !prefix.isEmpty, id.hasPrefix(prefix) { id = String(id.dropFirst(prefix.count)) }
            var fields: [Field] = []
            if i + 1 < items.count, case .array = items[i + 1] {
                fields = (try? items[i + 1].hashPairs(key: id)) ?? []
                i += 2
            } else {
                i += 1
            }
            hits.append(ErrorRecord(id: id, fields: fields))
        }
        return ErrorSearchResult(total: Int(total), hits: hits)
    }

    /// Searches with any backend.
    public func search(_ query: ErrorQuery, on connection: RedisConnection) throws(FlagtopError) -> ErrorSearchResult {
        switch backend {
        case .rediSearch1, .rediSearch2:
            let status = try ensureIndex(on: connection, create: false)
            guard status.exists else { return ErrorSearchResult(total: 0, hits: []) }
            return try searchFetch(query, sortByTime: status.hasTimestamp).run(on: connection)
        case .basic:
            return try basicSearch(query, on: connection)
        }
    }

    /// The basic backend: the newest `basicScanLimit` ids from the ZSET by time, read in one pipeline and matched
    /// by case-insensitive substring (every word of the text must occur in some field).
    func basicSearch(_ query: ErrorQuery, on connection: RedisConnection) throws(FlagtopError) -> ErrorSearchResult {
        let ids: [String]
        do {
            let reply = try connection.send("ZREVRANGE", timeKey, 0, basicScanLimit - 1)
            ids = reply.array?.compactMap { $0.bytes.map { RedisBytes.decode($0) } } ?? []
        } catch { throw .redis(error) }
        guard !ids.isEmpty else { return ErrorSearchResult(total: 0, hits: []) }
        let replies: [RedisReply]
        do { replies = try connection.pipeline(ids.map { RedisCommand("HGETALL", $0) }) } catch { throw .redis(error) }
        let words = query.text.lowercased().split(separator: " ").map(String.init).filter { $0 != "*" }
        var matches: [ErrorRecord] = []
        for (id, reply) in zip(ids, replies) {
            guard let fields = try? reply.hashPairs(key: id), !fields.isEmpty else { continue }
            let record = ErrorRecord(id: id, fields: fields)
            if let f = query.fingerprint, !FingerprintList.split(record.fingerPrint ?? "").contains(where: { $0.caseInsensitiveCompare(f) }) { continue }
            if let t = query.toggle, record.toggleName != t { continue }
            let haystack = fields.map { $0.value.lowercased() }
            if !words.allSatisfy({ w in haystack.contains { $0.contains(w) } }) { continue }
            matches.append(record)
        }
        let page = matches.dropFirst(max(query.offset, 0)).prefix(max(query.limit, 1))
        return ErrorSearchResult(total: matches.count, hits: Array(page))
    }

    /// Error counts by developer: every name in `fingerPrint`, split on commas and trimmed (at most `maxDocuments` read).
    public func fingerprints(on connection: RedisConnection, maxDocuments: Int = 100_000) throws(FlagtopError) -> [FingerprintCount] {
        var counts: [String: Int] = [:]
        func count(_ value: String) {
            for name in FingerprintList.split(value) { counts[name, default: 0] += 1 }
        }
        switch backend {
        case .rediSearch1, .rediSearch2:
            guard try ensureIndex(on: connection, create: false).exists else { return [] }
            var offset = 0
            let page = 1000
            while offset < maxDocuments {
                let reply: RedisReply
                do { reply = try connection.perform(RedisCommand("FT.SEARCH", index, "*", "RETURN", 1, "fingerPrint", "LIMIT", offset, page)) }
                catch { throw .redis(error) }
                let result = try Self.parseSearch(reply, prefix: documentPrefix)
                for hit in result.hits { count(hit.fingerPrint ?? "") }
                offset += page
                if offset >= result.total || result.hits.isEmpty { break }
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
