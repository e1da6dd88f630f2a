import RedisClient

/// Names the real cause of a refused write from Redis's error text (docs/data-layout.md, "Writes"; "the reason names the real cause:
/// ACL, a read-only replica, a cluster redirect, out of memory"). A READONLY or MOVED reply is not an ACL denial.
public enum WriteRefusal: String, Sendable, Equatable {
    case acl
    case readOnlyReplica
    case clusterRedirect
    case outOfMemory
    case other

    public static func classify(_ message: String) -> WriteRefusal {
        let code = message.prefix(while: { $0 != " " }).uppercased()
        switch code {
        case "NOPERM": return .acl
        case "READONLY": return .readOnlyReplica
        case "MOVED", "ASK", "CROSSSLOT", "TRYAGAIN", "CLUSTERDOWN": return .clusterRedirect
        case "OOM": return .outOfMemory
        default:
            let lower = message.lowercased()
            if lower.contains("no permissions") { return .acl }
            if lower.contains("read only replica") || lower.contains("read-only replica") { return .readOnlyReplica }
            return .other
        }
    }

    /// The message with the cause named first, on one line (the causes `ServerErrorKind` names everywhere).
    public static func describe(_ message: String) -> String {
        let line = String(message.split(whereSeparator: { $0.isNewline }).first ?? "")
        let code = String(line.prefix(while: { $0 != " " }).uppercased())
        if let cause = ServerErrorKind(code: code).cause { return "\(cause): \(line)" }
        switch classify(line) {
        case .acl: return "denied by the Redis ACL: \(line)"
        case .readOnlyReplica: return "connected to a read-only replica: \(line)"
        default: return "Redis refused it: \(line)"
        }
    }
}
