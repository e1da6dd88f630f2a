import RedisClient

/// The audit trail: STREAM `flagtop:audit`, capped with `MAXLEN ~ 10000` (docs/data-layout.md, "Audit trail").
public enum AuditLog {
    public static let maxLength = 10_000

    /// The XADD that records one change; it is queued inside the same MULTI/EXEC as the change itself.
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

    /// The newest entries first, optionally only one toggle's (scans at most the whole capped stream).
    public static func fetch(toggle: String? = nil, limit: Int) -> Fetch<[AuditEntry]> {
        let count = toggle == nil ? max(limit, 1) : maxLength + 1000
        return Fetch(commands: [RedisCommand("XREVRANGE", FlagtopSettings.auditKey, "+", "-", "COUNT", count)]) { (replies) throws(FlagtopError) -> [AuditEntry] in
            let reply = replies.first!
            if let error = reply.serverError {
                if error.code == "WRONGTYPE" { throw .wrongType(key: FlagtopSettings.auditKey, type: "key of another type", expected: "stream") }
                throw .redis(error)
            }
            guard case let .array(items) = reply else { return [] }
            var entries: [AuditEntry] = []
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
                    reason: fields["reason"] ?? "", before: fields["before"] ?? "", after: fields["after"] ?? ""
                )
                if let toggle, entry.toggle != toggle { continue }
                entries.append(entry)
                if entries.count >= limit { break }
            }
            return entries
        }
    }
}
