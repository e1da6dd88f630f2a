/// Server error replies by what they mean to a person, so every message names the real cause: the ACL, a
/// read-only replica, a cluster redirect, memory, replicas, loading. The code is the reply's first word.
public enum ServerErrorKind: Sendable, Equatable {
    /// NOPERM: the ACL denies the command or the key.
    case permissionDenied
    /// READONLY: the server is a replica; writes go to the master.
    case readOnlyReplica
    /// MOVED / ASK: the key's slot is served by another cluster node.
    case clusterRedirect
    /// CROSSSLOT: the keys of one command or transaction live in different cluster slots.
    case crossSlot
    /// CLUSTERDOWN / TRYAGAIN / MASTERDOWN: the cluster or the master link is not ready; retry later.
    case clusterUnavailable
    /// OOM: `maxmemory` reached under a no-eviction policy; writes are refused.
    case outOfMemory
    /// NOREPLICAS: fewer replicas than `min-replicas-to-write` are connected.
    case noReplicas
    /// LOADING: the server is loading its data set.
    case loading
    /// BUSY: a script or function is running.
    case busy
    /// WRONGTYPE: the key holds another type.
    case wrongType
    /// DENIED: protected mode (or a similar refusal) — shown exactly as Redis wrote it.
    case denied
    /// Anything else.
    case other

    public init(code: String) {
        switch code {
        case "NOPERM": self = .permissionDenied
        case "READONLY": self = .readOnlyReplica
        case "MOVED", "ASK": self = .clusterRedirect
        case "CROSSSLOT": self = .crossSlot
        case "CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN": self = .clusterUnavailable
        case "OOM": self = .outOfMemory
        case "NOREPLICAS": self = .noReplicas
        case "LOADING": self = .loading
        case "BUSY": self = .busy
        case "WRONGTYPE": self = .wrongType
        case "DENIED": self = .denied
        default: self = .other
        }
    }

    /// A short cause for status lines ("read-only replica"); nil for `.other`.
    public var cause: String? {
        switch self {
        case .permissionDenied: return "denied by the Redis ACL"
        case .readOnlyReplica: return "connected to a read-only replica"
        case .clusterRedirect: return "the key lives on another Redis Cluster node"
        case .crossSlot: return "the keys are in different Redis Cluster slots"
        case .clusterUnavailable: return "the Redis Cluster is not available right now"
        case .outOfMemory: return "Redis is out of memory (maxmemory)"
        case .noReplicas: return "not enough replicas connected (min-replicas-to-write)"
        case .loading: return "Redis is loading its data set"
        case .busy: return "Redis is busy running a script"
        case .wrongType: return nil
        case .denied: return nil
        case .other: return nil
        }
    }

    /// The whole message for a person: the cause first, then Redis's own words.
    func describe(_ message: String) -> String {
        switch self {
        case .denied: return message
        case .wrongType, .other: return "Redis error: \(message)"
        default: return "\(cause!): \(message)"
        }
    }
}
