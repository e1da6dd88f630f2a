/// The outcome of `decide(toggle, session)` (docs/data-layout.md, "Routing decision"), with OpenFeature-style reasons.
public struct Decision: Sendable, Equatable, Hashable {
    /// Which code path the session runs.
    public enum Variant: String, Sendable, Equatable, Hashable { case new, old }

    /// Why, named after OpenFeature's resolution reasons.
    public enum Reason: String, Sendable, Equatable, Hashable {
        case `static` = "STATIC"
        case targetingMatch = "TARGETING_MATCH"
        case split = "SPLIT"
        case disabled = "DISABLED"
        case `default` = "DEFAULT"
        case error = "ERROR"
    }

    /// Set with `.error`.
    public enum ErrorCode: String, Sendable, Equatable, Hashable {
        case flagNotFound = "FLAG_NOT_FOUND"
        case parseError = "PARSE_ERROR"
    }

    public var toggle: String
    public var session: String?
    public var variant: Variant
    public var reason: Reason
    public var errorCode: ErrorCode?
    /// The rollout bucket (1–100) when a rollout applied.
    public var bucket: Int?

    public init(toggle: String, session: String?, variant: Variant, reason: Reason, errorCode: ErrorCode? = nil, bucket: Int? = nil) {
        self.toggle = toggle
        self.session = session
        self.variant = variant
        self.reason = reason
        self.errorCode = errorCode
        self.bucket = bucket
    }

    public var isNew: Bool { variant == .new }
}
