import Foundation
import RedisClient

/// The error database (docs/data-layout.md, "Error database") over one of three backends: RediSearch 1.x (FT.ADD), 2.x+ (HSET on a
/// prefixed index) or none (HASHes plus a ZSET by time, searched by a bounded scan).
///
/// Every flagtop writer also adds the document id to a ZSET by time (`timeKey`), which gives the dashboard
/// cheap incremental per-toggle counts whatever the backend or the index schema.
public struct ErrorDatabase: Sendable {
    public let settings: FlagtopSettings
    public let backend: SearchBackendKind
    /// How many ids the ZSET by time keeps.
    public static let timeIndexCapacity = 100_000
    /// How many newest documents the basic backend's search looks at.
    public var basicScanLimit = 5_000

    public init(settings: FlagtopSettings, backend: SearchBackendKind) {
        self.settings = settings
        self.backend = backend
    }

    public var index: String { settings.indexName }
    /// `flagtop:errtime:<index>`: id → unix seconds.
    public var timeKey: String { "flagtop:errtime:\(index)" }
    /// Key prefix of documents on 2.x+ (`<index>:`); none on 1.x and basic, where ids are keys as in the seeds.
    public var documentPrefix: String {
        if case .rediSearch2 = backend { return index + ":" }
        return ""
    }

    // MARK: Index

    /// What FT.INFO says about the index.
    public struct IndexStatus: Sendable, Equatable {
        public var exists: Bool
        public var created: Bool
        public var fields: [String]
        /// `ts` is a NUMERIC field, so time windows and SORTBY work.
        public var hasTimestamp: Bool
    }

    /// Uses the index as it is when it exists; creates it (with `STOPWORDS 0` and `ts NUMERIC SORTABLE`) when missing.
    @discardableResult
    public func ensureIndex(on connection: RedisConnection, create: Bool = true) throws(FlagtopError) -> IndexStatus {
        guard backend != .basic else { return IndexStatus(exists: true, created: false, fields: [], hasTimestamp: true) }
        let info: RedisReply
        do { info = try connection.perform(RedisCommand("FT.INFO", index)) } catch { throw .redis(error) }
        if let error = info.serverError {
            guard error.description.lowercased().contains("unknown index") || error.description.lowercased().contains("no such index") else {
                throw .redis(error)
            }
            guard create, !settings.readOnly else { return IndexStatus(exists: false, created: false, fields: [], hasTimestamp: false) }
            do { try connection.send(createIndexCommand) } catch { throw .redis(error) }
            return IndexStatus(exists: true, created: true, fields: ["toggleName", "toggleValue", "fingerPrint", "exceptionBody", "ts"], hasTimestamp: true)
        }
        let (fields, numeric) = Self.schemaFields(info)
        return IndexStatus(exists: true, created: false, fields: fields, hasTimestamp: numeric.contains("ts"))
    }

    /// The FT.CREATE flagtop sends for a missing index: the seeds' schema plus `ts`, with `STOPWORDS 0`, and on
    /// 2.x+ `ON HASH PREFIX 1 <index>:` so plain HSETs under the prefix are indexed.
    public var createIndexCommand: RedisCommand {
        var command = RedisCommand("FT.CREATE", index)
        if case .rediSearch2 = backend { command.append("ON", "HASH", "PREFIX", 1, documentPrefix) }
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

    // MARK: Writing

    /// Stores one error, filling the toggle's current value, fingerprint and release from its HASH when not
    /// given. Returns the document id (the seeds' scheme, `-2`, `-3`… on collision; nothing is overwritten).
    @discardableResult
    public func report(_ report: ErrorReport, on connection: RedisConnection) throws(FlagtopError) -> String {
        guard !settings.readOnly else { throw .readOnly }
        var report = report
        let time = report.time ?? Date().timeIntervalSince1970
        if report.toggleValue == nil || report.fingerPrint == nil || report.releaseNum == nil {
            let toggleKey = ToggleStore(settings: settings).key(for: report.toggleName)
            let reply: RedisReply
            do { reply = try connection.send(RedisCommand("HMGET", toggleKey, "toggle", "fingerprint", "releaseNum")) }
            catch { throw error.code == "WRONGTYPE" ? .wrongType(key: report.toggleName, type: "key of another type", expected: "toggle hash") : .redis(error) }
            if case let .array(values) = reply, values.count == 3 {
                report.toggleValue = report.toggleValue ?? values[0].bytes.map { RedisBytes.decode($0) }
                report.fingerPrint = report.fingerPrint ?? values[1].bytes.map { RedisBytes.decode($0) }
                report.releaseNum = report.releaseNum ?? values[2].bytes.map { RedisBytes.decode($0) }
            }
        }
        let fields = report.documentFields(time: time)
        let base = ErrorReport.baseID(toggle: report.toggleName, time: time)
        var suffix = 1
        for _ in 0..<50 {
            // One round trip finds the first free id among the next ten candidates.
            let candidates = (suffix..<suffix + 10).map { $0 == 1 ? base : "\(base)-\($0)" }
            let exists: [RedisReply]
            do { exists = try connection.pipeline(candidates.map { RedisCommand("EXISTS", documentPrefix + $0) }) } catch { throw .redis(error) }
            guard let free = zip(candidates, exists).first(where: { $0.1.int == 0 })?.0 else { suffix += 10; continue }
            if try add(id: free, fields: fields, time: time, on: connection) { return free }
            suffix = (candidates.firstIndex(of: free) ?? 0) + suffix + 1
        }
        throw .redis(.server(code: "ERR", message: "could not find a free document id for \(base)"))
    }

    /// Adds the document if the id is still free; false when someone took it first.
    private func add(id: String, fields: [(String, String)], time: Double, on connection: RedisConnection) throws(FlagtopError) -> Bool {
        let key = documentPrefix + id
        var timeCommands = [
            RedisCommand("ZADD", timeKey, time, id),
            RedisCommand("ZREMRANGEBYRANK", timeKey, 0, -(Self.timeIndexCapacity + 1)),
        ]
        switch backend {
        case .rediSearch1:
            var add = RedisCommand("FT.ADD", index, id, "1.0", "FIELDS")
            for (f, v) in fields { add.append(f, v) }
            timeCommands.insert(add, at: 0)
            let replies: [RedisReply]
            do { replies = try connection.pipeline(Array(timeCommands.prefix(1))) } catch { throw .redis(error) }
            if let error = replies[0].serverError {
                if error.description.contains("already") { return false }
                throw .redis(error)
            }
            do { _ = try connection.pipeline(Array(timeCommands.dropFirst())) } catch { throw .redis(error) }
            return true
        case .rediSearch2, .basic:
            // HSETNX claims the id atomically; the other fields follow in the same round trip only if it won.
            let claim: RedisReply
            do { claim = try connection.send(RedisCommand("HSETNX", key, fields[0].0, fields[0].1)) } catch { throw .redis(error) }
            guard claim.int == 1 else { return false }
            var hset = RedisCommand("HSET", key)
            for (f, v) in fields.dropFirst() { hset.append(f, v) }
            do {
                let replies = try connection.pipeline([hset] + timeCommands)
                if let error = replies.first(where: { $0.serverError != nil })?.serverError { throw FlagtopError.redis(error) }
            } catch let error as RedisError { throw .redis(error) } catch let error as FlagtopError { throw error } catch { throw .redis(.protocolError("\(error)")) }
            return true
        }
    }
}
