/// Whether the connected Redis user may write (an ACL can deny it even without `--read-only`).
public enum WriteAccess: Sendable, Hashable {
    case allowed
    /// Writes are refused; `reason` says why, e.g. "ACL denies HSET for user 'viewer'".
    case denied(reason: String)
}

extension WriteAccess {
    /// The short cause for the header badge (`READ-ONLY (replica)`): a read-only replica, a cluster redirect or
    /// out of memory are not ACL denials and are not called one.
    public var shortCause: String? {
        guard case .denied(let reason) = self else { return nil }
        if reason.contains("read-only replica") { return "replica" }
        if reason.contains("cluster") { return "cluster" }
        if reason.contains("out of memory") { return "OOM" }
        return "ACL"
    }
}
