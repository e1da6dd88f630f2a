import FlagtopCore
import RedisClient

/// The start of each listed error's exception body, by id, for the Errors pane. The refresh lists errors
/// without their bodies (`ErrorDatabase.Rows.list`, so what an idle refresh transfers does not grow with the
/// exceptions' size); the heads (at most `ErrorDatabase.headBytes` each) are read once per id, on the
/// background connection, because a stored error document is not rewritten.
struct ErrorHeadCache {
    private var heads: [String: (text: String?, bytes: Int)] = [:]

    /// `errors` with each hit's head and body size: the ids not seen before are read first. A failed read
    /// leaves those hits without heads (read again next time) and says why.
    mutating func fill(
        _ errors: ErrorSearchResult, database: ErrorDatabase, on connection: any RedisClientProtocol
    ) -> (errors: ErrorSearchResult, problem: String?) {
        let ids = errors.hits.filter { $0.exceptionBody == nil }.map(\.id)
        let missing = ids.filter { heads[$0] == nil }
        var problem: String?
        if !missing.isEmpty {
            do {
                let read = try database.exceptionHeads(keys: missing, on: connection)
                // An id without a body (or gone) is remembered too, so it is not asked for every refresh.
                for id in missing { heads[id] = read[id] ?? (nil, 0) }
            } catch {
                problem = "exception heads: " + error.description
            }
        }
        // Forget ids that left the list, but not on every query change (paging back and forth reuses them).
        if heads.count > ids.count * 2 + 100 {
            let keep = Set(ids)
            heads = heads.filter { keep.contains($0.key) }
        }
        var out = errors
        for i in out.hits.indices {
            guard out.hits[i].exceptionBody == nil, let head = heads[out.hits[i].id] else { continue }
            out.hits[i].exceptionHead = head.text
            out.hits[i].exceptionBodyBytes = head.bytes
        }
        return (out, problem)
    }
}
