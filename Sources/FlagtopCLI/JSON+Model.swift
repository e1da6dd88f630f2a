import Foundation
import FlagtopCore

/// The `--json` shapes of docs/json.md, in one place so they stay stable.
extension JSON {
    static func fields(_ fields: [Field]) -> JSON { .object(fields.map { ($0.name, .string($0.value)) }) }

    static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    static func toggle(_ t: Toggle) -> JSON {
        .object([
            ("name", .string(t.name)),
            ("enabled", t.enabled.map(JSON.bool) ?? .null),
            ("releaseNum", optional(t.releaseNum)),
            ("fingerprint", optional(t.fingerprint)),
            ("override", optional(t.override)),
            ("rollout", t.rollout.map(JSON.int) ?? .null),
            ("fields", fields(t.fields)),
        ])
    }

    static func decision(_ d: Decision) -> JSON {
        .object([
            ("toggle", .string(d.toggle)),
            ("session", optional(d.session)),
            ("variant", .string(d.variant.rawValue)),
            ("reason", .string(d.reason.rawValue)),
            ("errorCode", optional(d.errorCode?.rawValue)),
        ])
    }

    static func search(_ r: ErrorSearchResult) -> JSON {
        .object([
            ("total", .int(r.total)),
            ("hits", .array(r.hits.map { .object([("id", .string($0.id)), ("fields", fields($0.fields))]) })),
        ])
    }

    static func log(_ e: LogEntry) -> JSON {
        .object([("name", .string(e.name)), ("severity", .string(e.severity)), ("time", .string(e.time)), ("message", .string(e.message))])
    }

    static func audit(_ a: AuditEntry) -> JSON {
        .object([
            ("id", .string(a.id)), ("action", .string(a.action)), ("toggle", .string(a.toggle)), ("actor", .string(a.actor)),
            ("reason", .string(a.reason)), ("before", .string(a.before)), ("after", .string(a.after)),
            ("time", .string(AuditTime.iso(a.milliseconds))),
            // Added after the original shape (README): who Redis says wrote it, and replica acknowledgement.
            ("redisUser", a.redisUser.map(JSON.string) ?? .null), ("client", a.client.map(JSON.string) ?? .null),
            ("replicas", a.replicas.map(JSON.int) ?? .null),
        ])
    }

    static func session(_ s: SessionContext, decisions: [Decision]? = nil) -> JSON {
        var pairs: [(String, JSON)] = [("id", .string(s.id)), ("ttl", s.ttl.map(JSON.int) ?? .null), ("fields", fields(s.fields))]
        if let decisions { pairs.append(("decisions", .array(decisions.map(decision)))) }
        return .object(pairs)
    }
}

/// Audit times: stream ids are milliseconds since the epoch.
enum AuditTime {
    static func iso(_ ms: Int64?) -> String {
        guard let ms else { return "" }
        var t = time_t(ms / 1000)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// "1 of 1", "0 of 1", "? of 2" (acknowledgement not recorded), or empty without replicas.
    static func replicas(_ e: AuditEntry) -> String {
        guard let connected = e.replicasConnected ?? (e.replicas == nil ? nil : e.replicas) else { return "" }
        return "\(e.replicas.map(String.init) ?? "?") of \(connected)"
    }
}
