/// Whether the connected Redis user may write (an ACL can deny it even without `--read-only`).
public enum WriteAccess: Sendable, Hashable {
    case allowed
    /// Writes are refused; `reason` says why, e.g. "ACL denies HSET for user 'viewer'".
    case denied(reason: String)
}
