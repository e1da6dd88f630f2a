import RedisClient

extension ErrorDatabase {
    /// The most of an exception body a list row carries: bodies up to this size are read whole (HGET), bigger
    /// ones are cut by the server (SUMMARIZE) or, without a search module, left out.
    public static let headBytes = 4096
    /// The most of an exception body the detail view reads (once, when it opens): a 100,000-line stack trace
    /// fits; beyond, the view shows a server-side summary of the start.
    public static let detailBodyBytes = 8 * 1024 * 1024

    /// The start of each document's exception body, bounded (`headBytes`, or a server-side summary of the
    /// start of a bigger body), with the body's full size. Two round trips: sizes, then heads.
    public func exceptionHeads(keys: [String], on connection: any RedisClientProtocol) throws(FlagtopError) -> [String: (text: String?, bytes: Int)] {
        guard !keys.isEmpty else { return [:] }
        let sizes: [RedisReply]
        do { sizes = try connection.pipeline(keys.map { RedisCommand("HSTRLEN", $0, "exceptionBody") }) } catch { throw .redis(error) }
        var out: [String: (text: String?, bytes: Int)] = [:]
        var commands: [RedisCommand] = []
        var asked: [(key: String, bytes: Int, whole: Bool)] = []
        for (key, size) in zip(keys, sizes) {
            guard let bytes = size.int.map(Int.init), bytes > 0 else { continue }
            if bytes <= Self.headBytes {
                commands.append(RedisCommand("HGET", key, "exceptionBody"))
                asked.append((key, bytes, true))
            } else if backend != .basic {
                commands.append(summaryCommand(key: key, tokens: 60))
                asked.append((key, bytes, false))
            } else {
                out[key] = (nil, bytes)
            }
        }
        let replies: [RedisReply]
        do { replies = try connection.pipeline(commands) } catch { throw .redis(error) }
        for (ask, reply) in zip(asked, replies) {
            let text = ask.whole ? reply.bytes.map { RedisBytes.decode($0) } : Self.summaryText(reply)
            out[ask.key] = (text, ask.bytes)
        }
        return out
    }

    /// FT.SEARCH of one document returning the start of its body cut by the server (`SUMMARIZE … LEN`).
    func summaryCommand(key: String, tokens: Int) -> RedisCommand {
        RedisCommand("FT.SEARCH", index, "*", "INKEYS", 1, key, "RETURN", 1, "exceptionBody",
                     "SUMMARIZE", "FIELDS", 1, "exceptionBody", "FRAGS", 1, "LEN", tokens, "LIMIT", 0, 1)
    }

    static func summaryText(_ reply: RedisReply) -> String? {
        guard let hit = (try? parseSearch(reply))?.hits.first else { return nil }
        return hit.exceptionBody.map { $0.hasSuffix("... ") ? String($0.dropLast(4)) + " …" : $0 + " …" }
    }

    /// One document for the detail view: every field, with the exception body whole up to `maxBodyBytes`
    /// and only its start (`exceptionHead`, `exceptionBodyBytes`) beyond. Nil when the key is gone.
    public func document(key: String, maxBodyBytes: Int = ErrorDatabase.detailBodyBytes, on connection: any RedisClientProtocol) throws(FlagtopError) -> ErrorRecord? {
        let first: [RedisReply]
        do { first = try connection.pipeline([RedisCommand("HKEYS", key), RedisCommand("HSTRLEN", key, "exceptionBody")]) } catch { throw .redis(error) }
        if let error = first[0].serverError {
            throw error.code == "WRONGTYPE" ? .wrongType(key: key, type: "key of another type", expected: "error document hash") : .redis(error)
        }
        let names = (first[0].array ?? []).compactMap(\.bytes)
        guard !names.isEmpty else { return nil }
        let bodyBytes = first[1].int.map(Int.init) ?? 0
        let bodyName = Array("exceptionBody".utf8)
        let wanted = names.filter { $0 != bodyName || bodyBytes <= maxBodyBytes }
        var commands = [RedisCommand(["HMGET", key] + wanted.map { $0 as any RedisArgumentConvertible })]
        let cut = bodyBytes > maxBodyBytes
        if cut, backend != .basic { commands.append(summaryCommand(key: key, tokens: 4000)) }
        let replies: [RedisReply]
        do { replies = try connection.pipeline(commands) } catch { throw .redis(error) }
        if let error = replies[0].serverError { throw .redis(error) }
        var fields: [Field] = []
        for (name, value) in zip(wanted, replies[0].array ?? []) {
            guard let bytes = value.bytes else { continue }
            fields.append(Field(RedisBytes.decode(name), RedisBytes.decode(bytes)))
        }
        var record = ErrorRecord(id: key, fields: fields)
        if cut {
            record.exceptionBodyBytes = bodyBytes
            record.exceptionHead = replies.count > 1 ? Self.summaryText(replies[1]) : nil
        }
        return record
    }

    // MARK: The basic backend

    /// The basic backend: the newest `basicScanLimit` ids from the ZSET by time, read in one pipeline and
    /// matched by `BasicErrorQuery` (the text plus the `--toggle`/`--fingerprint` filters as RediSearch
    /// syntax). List rows read only the small fields unless the query needs the others.
    func basicSearch(_ query: ErrorQuery, on connection: any RedisClientProtocol, rows: Rows = .full) throws(FlagtopError) -> ErrorSearchResult {
        let ids: [String]
        do {
            let reply = try connection.send("ZREVRANGE", timeKey, 0, basicScanLimit - 1)
            ids = reply.array?.compactMap { $0.bytes.map { RedisBytes.decode($0) } } ?? []
        } catch { throw .redis(error) }
        guard !ids.isEmpty else { return ErrorSearchResult(total: 0, hits: []) }
        let matcher = BasicErrorQuery(query.rediSearchQuery)
        let small = rows == .list && !matcher.needsFields(beyond: Set(Self.listFields.map { $0.lowercased() }))
        let commands = ids.map { id in
            small ? RedisCommand(["HMGET", id] + Self.listFields.map { $0 as any RedisArgumentConvertible }) : RedisCommand("HGETALL", id)
        }
        let replies: [RedisReply]
        do { replies = try connection.pipeline(commands) } catch { throw .redis(error) }
        var matches: [ErrorRecord] = []
        for (id, reply) in zip(ids, replies) {
            var fields: [Field]
            if small {
                fields = zip(Self.listFields, reply.array ?? []).compactMap { name, value in value.bytes.map { Field(name, RedisBytes.decode($0)) } }
            } else {
                fields = (try? reply.hashPairs(key: id)) ?? []
            }
            guard !fields.isEmpty, matcher.matches(fields) else { continue }
            if rows == .list { fields.removeAll { $0.name == "exceptionBody" } }
            matches.append(ErrorRecord(id: id, fields: fields))
        }
        let page = matches.dropFirst(max(query.offset, 0)).prefix(max(query.limit, 1))
        return ErrorSearchResult(total: matches.count, hits: Array(page))
    }
}
