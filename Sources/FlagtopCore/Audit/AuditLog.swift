import RedisClient

/// The audit trail (docs/data-layout.md, "Audit trail"): one capped STREAM per toggle (`AuditKey`, `MAXLEN ~ 1000`), written in the same
/// atomic step as the change (`ToggleWriter`), plus the legacy shared stream `flagtop:audit`, still read.
public enum AuditLog {
    /// The cap of the legacy shared stream (flagtop no longer writes it).
    public static let maxLength = 10_000
    /// The cap of each per-toggle stream.
    public static let perToggleMaxLength = 1_000
    /// At most this many SCAN steps look for per-toggle streams (1000 keys each), so `flagtop audit` is bounded.
    static let maxScanSteps = 1_000

    /// The legacy XADD into `flagtop:audit` (kept for API compatibility; flagtop itself writes per-toggle streams).
    public static func appendCommand(action: String, toggle: String, actor: String, reason: String, before: String, after: String) -> RedisCommand {
        RedisCommand(
            "XADD", FlagtopSettings.auditKey, "MAXLEN", "~", maxLength, "*",
            "action", action, "toggle", toggle, "before", before, "after", after, "actor", actor, "reason", reason
        )
    }

    /// `field=value` pairs joined with `, ` for the before/after columns.
    public static func describe(_ fields: [Field]) -> String {
        fields.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
    }

    /// Entries of the legacy stream only, newest first (kept for API compatibility; see `history` and `recent`).
    public static func fetch(toggle: String? = nil, limit: Int) -> Fetch<[AuditEntry]> {
        let count = toggle == nil ? max(limit, 1) : maxLength + 1000
        return Fetch(commands: [RedisCommand("XREVRANGE", FlagtopSettings.auditKey, "+", "-", "COUNT", count)]) { (replies) throws(FlagtopError) -> [AuditEntry] in
            let reply = replies.first!
            if let error = reply.serverError {
                if error.code == "WRONGTYPE" { throw .wrongType(key: FlagtopSettings.auditKey, type: "key of another type", expected: "stream") }
                throw .redis(error)
            }
            return Array(parse(reply).map(\.entry).filter { toggle == nil || $0.toggle == toggle }.prefix(limit))
        }
    }

    /// What a read of the audit found, and what it had to skip (a wrong-typed key is a note, not a failure).
    public struct Listing: Sendable, Equatable {
        public var entries: [AuditEntry] = []
        public var notes: [String] = []
    }

    /// One toggle's history: its own stream plus its entries in the legacy stream, newest first.
    public static func history(toggle name: String, toggleKey: [UInt8], limit: Int, on connection: any RedisClientProtocol) throws(FlagtopError) -> Listing {
        try read(keys: [AuditKey.forToggle(key: toggleKey)], toggle: name, limit: limit, on: connection)
    }

    /// The newest entries across every per-toggle stream (found by SCAN `flagtop:audit:*`) and the legacy one.
    public static func recent(limit: Int, on connection: any RedisClientProtocol) throws(FlagtopError) -> Listing {
        var keys: Set<[UInt8]> = []
        var cursor = "0"
        var steps = 0
        var notes: [String] = []
        repeat {
            let reply: RedisReply
            do { reply = try connection.send("SCAN", cursor, "MATCH", AuditKey.scanPattern, "COUNT", 1000, "TYPE", "stream") } catch { throw .redis(error) }
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string else { break }
            for key in parts[1].array ?? [] { if let bytes = key.bytes { keys.insert(bytes) } }
            cursor = next
            steps += 1
        } while cursor != "0" && steps < maxScanSteps
        if cursor != "0" { notes.append("more audit streams than one bounded scan covers; older toggles' entries may be missing") }
        var listing = try read(keys: keys.sorted { $0.lexicographicallyPrecedes($1) }, toggle: nil, limit: limit, on: connection)
        listing.notes = notes + listing.notes
        return listing
    }

    /// XREVRANGE of each key plus the legacy stream in one pipeline, merged newest first; `replicated` follow-up
    /// entries are folded into the entry they refer to.
    static func read(keys: [[UInt8]], toggle: String?, limit: Int, on connection: any RedisClientProtocol) throws(FlagtopError) -> Listing {
        let limit = max(limit, 1)
        // Follow-ups come after their entry, so read a little more than asked from each stream.
        var commands = keys.map { RedisCommand("XREVRANGE", $0, "+", "-", "COUNT", limit * 2 + 10) }
        let legacyCount = toggle == nil ? limit * 2 + 10 : maxLength + 1000
        commands.append(RedisCommand("XREVRANGE", FlagtopSettings.auditKey, "+", "-", "COUNT", legacyCount))
        let replies: [RedisReply]
        do { replies = try connection.pipeline(commands) } catch { throw .redis(error) }
        var listing = Listing()
        var all: [AuditEntry] = []
        var acks: [String: (Int?, Int?)] = [:]
        for (i, reply) in replies.enumerated() {
            let key = i < keys.count ? RedisBytes.decode(keys[i]) : FlagtopSettings.auditKey
            if let error = reply.serverError {
                if error.code == "WRONGTYPE" { listing.notes.append("\(key) is not a stream; skipped"); continue }
                throw .redis(error)
            }
            var foreign = 0
            defer { if foreign > 0 { listing.notes.append("\(key): \(foreign) entries without an action (not written by flagtop) skipped") } }
            for entry in parse(reply) {
                // Entries someone else added by hand (no action) are not audit records; say so instead of showing them.
                if entry.action.isEmpty { foreign += 1; continue }
                if let toggle, entry.toggle != toggle { continue }
                if entry.action == "replicated", let ref = entry.ref { acks[ref] = (entry.replicas, entry.replicasConnected); continue }
                all.append(entry.entry)
            }
        }
        all.sort { $0.order > $1.order }
        listing.entries = Array(all.prefix(limit)).map { entry in
            var entry = entry
            if let ack = acks[entry.id] {
                entry.replicas = ack.0
                if entry.replicasConnected == nil { entry.replicasConnected = ack.1 }
            }
            return entry
        }
        return listing
    }

    /// An entry as read, with the follow-up reference when it is one.
    struct Parsed {
        var entry: AuditEntry
        var ref: String?
        var action: String { entry.action }
        var toggle: String { entry.toggle }
        var replicas: Int? { entry.replicas }
        var replicasConnected: Int? { entry.replicasConnected }
    }

    static func parse(_ reply: RedisReply) -> [Parsed] {
        guard case let .array(items) = reply else { return [] }
        var entries: [Parsed] = []
        for item in items {
            guard case let .array(pair) = item, pair.count == 2, let id = pair[0].string,
                  case let .array(kv) = pair[1] else { continue }
            var fields: [String: String] = [:]
            var i = 0
            while i + 1 < kv.count {
                fields[RedisBytes.decode(kv[i].bytes ?? [])] = RedisBytes.decode(kv[i + 1].bytes ?? [])
                i += 2
            }
            let entry = AuditEntry(
                id: id, action: fields["action"] ?? "", toggle: fields["toggle"] ?? "", actor: fields["actor"] ?? "",
                reason: fields["reason"] ?? "", before: fields["before"] ?? "", after: fields["after"] ?? "",
                redisUser: fields["redisUser"], client: fields["client"], replicas: fields["replicas"].flatMap { Int($0) },
                replicasConnected: fields["replicasConnected"].flatMap { Int($0) }
            )
            entries.append(Parsed(entry: entry, ref: fields["ref"]))
        }
        return entries
    }
}

extension AuditLog.Parsed: Sendable {}
