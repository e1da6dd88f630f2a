/// One audit entry: from a toggle's own stream `flagtop:audit:{<toggle key>}` or the legacy `flagtop:audit`
/// (docs/data-layout.md, "Audit trail").
public struct AuditEntry: Sendable, Equatable, Hashable, Identifiable {
    /// The stream id (`<ms>-<seq>`).
    public var id: String
    /// kill, restore, set, create or delete.
    public var action: String
    public var toggle: String
    /// Who the writer *claimed* to be (`--actor`, default `$USER@hostname`).
    public var actor: String
    public var reason: String
    /// `field=value` pairs before and after, as stored.
    public var before: String
    public var after: String
    /// The Redis ACL user of the writing connection (`ACL WHOAMI`), when the server told it.
    public var redisUser: String?
    /// The writing connection's address as the server saw it (`CLIENT INFO` addr=).
    public var client: String?
    /// How many replicas acknowledged the write (from the follow-up `replicated` entry), when it had replicas.
    public var replicas: Int?
    /// How many replicas the server had when the write was made.
    public var replicasConnected: Int?

    public init(id: String, action: String, toggle: String, actor: String, reason: String, before: String, after: String,
                redisUser: String? = nil, client: String? = nil, replicas: Int? = nil, replicasConnected: Int? = nil) {
        self.id = id
        self.action = action
        self.toggle = toggle
        self.actor = actor
        self.reason = reason
        self.before = before
        self.after = after
        self.redisUser = redisUser
        self.client = client
        self.replicas = replicas
        self.replicasConnected = replicasConnected
    }

    /// Milliseconds since the epoch, from the stream id.
    public var milliseconds: Int64? { id.split(separator: "-").first.flatMap { Int64($0) } }

    /// The stream id as two numbers, for ordering entries from several streams.
    public var order: (UInt64, UInt64) {
        let parts = id.split(separator: "-")
        return (parts.first.flatMap { UInt64($0) } ?? 0, parts.count > 1 ? UInt64(parts[1]) ?? 0 : 0)
    }
}
