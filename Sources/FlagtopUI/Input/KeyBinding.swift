/// One row of the binding table: keys, what they do, where, and how help and footer show them.
public struct KeyBinding: Sendable, Hashable {
    /// The keys; empty for the documented fallbacks ("any other key", "other keys type text").
    public var keys: [Key]
    /// How help shows the keys when they are not just the key labels (e.g. "1–4", "any other key").
    public var label: String
    public var action: DashboardAction
    public var description: String
    public var scopes: [KeyScope]
    /// A write to Redis; greyed out in help and footer when writes are off.
    public var dangerous: Bool
    /// The footer's short text, e.g. "j/k move"; nil keeps the binding out of the footer.
    public var footer: String?

    public init(
        _ keys: [Key], label: String? = nil, _ action: DashboardAction, _ description: String,
        scopes: [KeyScope], dangerous: Bool = false, footer: String? = nil
    ) {
        self.keys = keys
        self.label = label ?? keys.map(\.label).joined(separator: " ")
        self.action = action
        self.description = description
        self.scopes = scopes
        self.dangerous = dangerous
        self.footer = footer
    }

    /// Whether this binding answers `key` in `context`.
    public func matches(_ key: Key, in context: KeyContext) -> Bool {
        keys.contains(key) && applies(in: context)
    }

    public func applies(in context: KeyContext) -> Bool {
        scopes.contains { $0.applies(in: context) }
    }
}
