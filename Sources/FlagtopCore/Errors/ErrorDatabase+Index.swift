import RedisClient

extension ErrorDatabase {
    /// What FT.INFO says about the index, and so where documents go and which results are errors.
    public struct IndexStatus: Sendable, Equatable {
        public var exists: Bool
        public var created: Bool
        public var fields: [String]
        /// `ts` is a NUMERIC field, so time windows and SORTBY work.
        public var hasTimestamp: Bool
        /// 2.x+: the key prefixes the index covers (`index_definition prefixes`); `""` covers every key, which
        /// is what an index created without PREFIX does (the seeds' `FT.CREATE`). Empty on 1.x and basic.
        public var prefixes: [String] = []
        /// 2.x+: the index's FILTER expression, when it has one.
        public var filter: String?

        public init(exists: Bool, created: Bool, fields: [String], hasTimestamp: Bool, prefixes: [String] = [], filter: String? = nil) {
            self.exists = exists
            self.created = created
            self.fields = fields
            self.hasTimestamp = hasTimestamp
            self.prefixes = prefixes
            self.filter = filter
        }

        /// The key prefix a new document gets so that the index sees it: the index's first prefix on 2.x+,
        /// none on 1.x and basic (ids are keys, as in the seeds).
        public var writePrefix: String { prefixes.first ?? "" }

        /// Whether every document the index covers is an error document: false for a 2.x+ index that covers
        /// every HASH (no prefix, no filter), whose results flagtop then restricts to error documents.
        public var coversOnlyErrors: Bool {
            if let filter, !filter.isEmpty { return true }
            return !prefixes.contains("")
        }
    }

    /// The FILTER of an index flagtop creates on 2.x+: without a PREFIX the index sees every HASH, including
    /// the ones the seeds' `FT.ADD` writes at the bare document id; the filter keeps only error documents.
    public static let errorDocumentFilter = "exists(@toggleName) && exists(@exceptionBody)"

    /// The search modules keep indexes in database 0 only (`Cannot create index on db != 0`). 2.x+ also
    /// indexes HASHes written in any other database into them, so a document written there corrupts the
    /// results in database 0 (nil documents); on 1.x the index is simply not there. Nil when fine.
    public var databaseProblem: String? {
        let database = settings.endpoint.database
        guard database != 0 else { return nil }
        switch backend {
        case .rediSearch2:
            return "the search module (2.x+) indexes database 0 only; this connection uses database \(database), "
                + "where errors would not be found and would corrupt the index's results (use database 0 for the error database)"
        case .rediSearch1:
            return "RediSearch 1.x keeps indexes in database 0 only; this connection uses database \(database), "
                + "where no error index can exist (use database 0 for the error database)"
        case .basic:
            return nil
        }
    }

    /// Uses the index as it is when it exists; creates it (with `STOPWORDS 0` and `ts NUMERIC SORTABLE`) when
    /// missing, unless `create` is false or writes are off.
    @discardableResult
    public func ensureIndex(on connection: any RedisClientProtocol, create: Bool = true) throws(FlagtopError) -> IndexStatus {
        guard backend != .basic else { return IndexStatus(exists: true, created: false, fields: [], hasTimestamp: true) }
        if let databaseProblem { throw .invalidArgument(databaseProblem) }
        let info: RedisReply
        do { info = try connection.perform(RedisCommand("FT.INFO", index)) } catch { throw .redis(error) }
        if let error = info.serverError {
            guard Self.isUnknownIndex(error.description) else { throw .redis(error) }
            guard create, !settings.readOnly else { return IndexStatus(exists: false, created: false, fields: [], hasTimestamp: false) }
            do { try connection.send(createIndexCommand) } catch { throw .redis(error) }
            var status = IndexStatus(exists: true, created: true, fields: ["toggleName", "toggleValue", "fingerPrint", "exceptionBody", "ts"], hasTimestamp: true)
            if case .rediSearch2 = backend { status.prefixes = [""]; status.filter = Self.errorDocumentFilter }
            return status
        }
        let (fields, numeric) = Self.schemaFields(info)
        var status = IndexStatus(exists: true, created: false, fields: fields, hasTimestamp: numeric.contains("ts"))
        if case .rediSearch2 = backend { (status.prefixes, status.filter) = Self.definition(info) }
        return status
    }

    /// This database with `layout` read from the server (FT.INFO), for writers that report many errors.
    public func resolved(on connection: any RedisClientProtocol, create: Bool = true) throws(FlagtopError) -> ErrorDatabase {
        var copy = self
        copy.layout = try ensureIndex(on: connection, create: create)
        return copy
    }

    static func isUnknownIndex(_ message: String) -> Bool {
        let lower = message.lowercased()
        return lower.contains("unknown index") || lower.contains("no such index")
    }

    /// The FT.CREATE flagtop sends for a missing index: the seeds' schema plus `ts`, with `STOPWORDS 0`; on
    /// 2.x+ `ON HASH` with no PREFIX and `FILTER errorDocumentFilter`, so HSETs and the seeds' FT.ADD at the
    /// bare id are both indexed and toggles and sessions are not.
    public var createIndexCommand: RedisCommand {
        var command = RedisCommand("FT.CREATE", index)
        if case .rediSearch2 = backend { command.append("ON", "HASH", "FILTER", Self.errorDocumentFilter) }
        command.append("STOPWORDS", 0, "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT",
                       "exceptionBody", "TEXT", "ts", "NUMERIC", "SORTABLE")
        return command
    }

    /// Field names and the NUMERIC ones from an FT.INFO reply (1.x: `fields [[name type TEXT …]…]`; 2.x:
    /// `attributes [[identifier x attribute name type TEXT …]…]`).
    static func schemaFields(_ info: RedisReply) -> ([String], Set<String>) {
        guard case let .array(items) = info else { return ([], []) }
        var names: [String] = []
        var numeric: Set<String> = []
        var i = 0
        while i + 1 < items.count {
            let key = items[i].string ?? ""
            if key == "fields" || key == "attributes", case let .array(defs) = items[i + 1] {
                for def in defs {
                    guard case let .array(parts) = def else { continue }
                    let words = parts.map { $0.string ?? "" }
                    var name = words.first ?? ""
                    if let at = words.firstIndex(of: "attribute"), at + 1 < words.count { name = words[at + 1] }
                    names.append(name)
                    if words.contains("NUMERIC") { numeric.insert(name) }
                }
            }
            i += 2
        }
        return (names, numeric)
    }

    /// Prefixes and filter from a 2.x+ FT.INFO `index_definition` (`[key_type HASH prefixes [..] filter ".."
    /// default_score 1]`). An index without a definition covers every key.
    static func definition(_ info: RedisReply) -> (prefixes: [String], filter: String?) {
        guard case let .array(items) = info else { return ([""], nil) }
        var i = 0
        while i + 1 < items.count {
            defer { i += 2 }
            guard items[i].string == "index_definition", case let .array(def) = items[i + 1] else { continue }
            var prefixes: [String] = []
            var filter: String?
            var j = 0
            while j + 1 < def.count {
                switch def[j].string {
                case "prefixes": prefixes = def[j + 1].array?.map { RedisBytes.decode($0.bytes ?? []) } ?? []
                case "filter": filter = def[j + 1].bytes.map { RedisBytes.decode($0) }
                default: break
                }
                j += 2
            }
            return (prefixes.isEmpty ? [""] : prefixes, filter.flatMap { $0.isEmpty ? nil : $0 })
        }
        return ([""], nil)
    }
}
