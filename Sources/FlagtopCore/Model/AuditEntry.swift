/// One entry of the audit stream `flagtop:audit` (docs/data-layout.md, "Audit trail").
public struct AuditEntry: Sendable, Equatable, Hashable, Identifiable {
    /// The stream id (`<ms>-<seq>`).
    public var id: String
    /// kill, restore, set, create or delete.
    public var action: String
    public var toggle: String
    public var actor: String
    public var reason: String
    /// `field=value` pairs before and after, as stored.
    public var before: String
    public var after: String

    public init(id: String, action: String, toggle: String, actor: String, reason: String, before: String, after: String) {
        self.id = id
        self.action = action
        self.toggle = toggle
        self.actor = actor
        self.reason = reason
        self.before = before
        self.after = after
    }

    /// Milliseconds since the epoch, from the stream id.
    public var milliseconds: Int64? { id.split(separator: "-").first.flatMap { Int64($0) } }
}
