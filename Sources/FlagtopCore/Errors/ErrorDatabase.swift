import Foundation
import RedisClient

/// The error database (docs/data-layout.md, "Error database") over one of three backends: RediSearch 1.x (FT.ADD), 2.x+ (HSET where the
/// index looks) or none (HASHes plus a ZSET by time, searched by a bounded scan).
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
    /// The index as FT.INFO described it (`ensureIndex`/`resolved(on:)`); on 2.x+ it says where documents go.
    /// Nil: read it when first needed.
    public var layout: IndexStatus?

    public init(settings: FlagtopSettings, backend: SearchBackendKind) {
        self.settings = settings
        self.backend = backend
    }

    public var index: String { settings.indexName }
    /// `flagtop:errtime:<index>`: id → unix seconds.
    public var timeKey: String { "flagtop:errtime:\(index)" }
    /// Key prefix of new documents: on 2.x+ the existing index's first prefix (none for an index flagtop
    /// created, which covers every key); none on 1.x and basic, where ids are keys as in the seeds.
    public var documentPrefix: String { layout?.writePrefix ?? "" }

    // MARK: Writing

    /// Stores one error, filling the toggle's current value, fingerprint and release from its HASH when not
    /// given. Returns the document's key (the seeds' id, `-2`, `-3`… on collision, after the index's prefix
    /// on a 2.x+ index that has one; nothing is overwritten).
    @discardableResult
    public func report(_ report: ErrorReport, on connection: any RedisClientProtocol) throws(FlagtopError) -> String {
        guard !settings.readOnly else { throw .readOnly }
        if let databaseProblem { throw .invalidArgument(databaseProblem) }
        var database = self
        if case .rediSearch2 = backend, layout == nil { database.layout = try ensureIndex(on: connection, create: false) }
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
        return try database.store(report.documentFields(time: time), base: ErrorReport.baseID(toggle: report.toggleName, time: time), time: time, on: connection)
    }

    /// Finds the first free id (`base`, `base-2`, …) and writes the document there in one step.
    private func store(_ fields: [(String, String)], base: String, time: Double, on connection: any RedisClientProtocol) throws(FlagtopError) -> String {
        let prefix = documentPrefix
        var suffix = 1
        for _ in 0..<50 {
            // One round trip watches and checks the next ten candidates; the write that follows fails as a
            // whole if any of them changed meanwhile, and the search starts again.
            let candidates = (suffix..<suffix + 10).map { $0 == 1 ? base : "\(base)-\($0)" }
            let watching = !isRediSearch1
            var commands = watching ? [RedisCommand(["WATCH"] + candidates.map { prefix + $0 })] : []
            commands += candidates.map { RedisCommand("EXISTS", prefix + $0) }
            let replies: [RedisReply]
            do { replies = try connection.pipeline(commands) } catch { throw .redis(error) }
            let exists = Array(replies.suffix(candidates.count))
            if let error = (replies.first { $0.serverError != nil })?.serverError {
                if watching { _ = try? connection.perform(RedisCommand("UNWATCH")) }
                throw .redis(error)
            }
            guard let free = zip(candidates, exists).first(where: { $0.1.int == 0 })?.0 else {
                if watching { _ = try? connection.perform(RedisCommand("UNWATCH")) }
                suffix += 10
                continue
            }
            let added: Bool
            do { added = try add(id: free, key: prefix + free, fields: fields, time: time, on: connection) } catch {
                // A failed write must not leave this (possibly shared) connection watching keys.
                if watching { _ = try? connection.perform(RedisCommand("UNWATCH")) }
                throw error
            }
            if added { return prefix + free }
        }
        throw .redis(.server(code: "ERR", message: "could not find a free document id for \(base)"))
    }

    private var isRediSearch1: Bool { if case .rediSearch1 = backend { return true } else { return false } }

    /// Writes the document if `key` is still free, in one step: FT.ADD (1.x, which refuses an existing id) or
    /// one HSET of every field inside MULTI/EXEC guarded by WATCH (2.x+ and basic), so the index never sees a
    /// half-written document and nothing is overwritten. False when someone took the id first.
    private func add(id: String, key: String, fields: [(String, String)], time: Double, on connection: any RedisClientProtocol) throws(FlagtopError) -> Bool {
        if isRediSearch1 {
            var add = RedisCommand("FT.ADD", index, id, "1.0", "FIELDS")
            for (f, v) in fields { add.append(f, v) }
            let reply: RedisReply
            do { reply = try connection.perform(add) } catch { throw .redis(error) }
            if let error = reply.serverError {
                if error.description.contains("already") { return false }
                throw .redis(error)
            }
        } else {
            var hset = RedisCommand("HSET", key)
            for (f, v) in fields { hset.append(f, v) }
            do { _ = try connection.transaction([hset]) } catch {
                if error.code == "EXECABORT" { return false }
                throw .redis(error)
            }
        }
        // The ZSET by time holds ids without the index prefix: `<toggle>:<date>` names the toggle.
        let replies: [RedisReply]
        do {
            replies = try connection.pipeline([
                RedisCommand("ZADD", timeKey, time, id),
                RedisCommand("ZREMRANGEBYRANK", timeKey, 0, -(Self.timeIndexCapacity + 1)),
            ])
        } catch { throw .redis(error) }
        if let error = replies.first(where: { $0.serverError != nil })?.serverError { throw .redis(error) }
        return true
    }
}
