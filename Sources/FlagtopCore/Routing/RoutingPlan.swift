/// One toggle parsed once for the routing decision of docs/data-layout.md ("Routing decision"): everything `decide` needs from the toggle's
/// fields (state, personas, rollout, stickiness, the hash state of `"<toggle>:"`), so a cached toggle costs no
/// field lookups, string trimming or allocations per decision. `Router.decide` goes through it too, so the
/// cached and uncached paths cannot disagree.
public struct RoutingPlan: Sendable, Equatable, Hashable {
    /// The name used in decisions and in the rollout hash.
    public let toggleName: String
    /// The outcome when it does not depend on the session at all (missing, invalid, disabled, fully on…).
    private let fixed: Outcome?
    /// `override` split and trimmed; empty when the toggle targets no persona.
    private let personas: [String]
    private let invalidRollout: Bool
    /// Set only when it is below 100 (100 is everyone, the same as no rollout).
    private let rollout: Int?
    private let stickiness: String?
    /// MurmurHash3 state after `"<toggle>:"`.
    private let bucketPrefix: Murmur3Hasher
    /// Whether `decide` reads the session HASH: persona targeting, or a rollout sticky on a session field.
    /// A plain rollout hashes the session id, which the caller already has.
    public let needsSession: Bool

    private struct Outcome: Sendable, Equatable, Hashable {
        var variant: Decision.Variant
        var reason: Decision.Reason
        var errorCode: Decision.ErrorCode?
    }

    /// `toggle` is nil when the toggle's HASH is missing.
    public init(toggleName: String, toggle: Toggle?) {
        self.toggleName = toggleName
        var hasher = Murmur3Hasher()
        hasher.combine(toggleName)
        hasher.combine(UInt8(ascii: ":"))
        bucketPrefix = hasher
        personas = toggle?.overridePersonas ?? []
        invalidRollout = toggle?.hasInvalidRollout ?? false
        rollout = toggle?.rollout.flatMap { $0 < 100 ? $0 : nil }
        stickiness = toggle?.stickiness
        if let toggle {
            switch toggle.enabled {
            case .none: fixed = Outcome(variant: .old, reason: .error, errorCode: .parseError)
            case .some(false): fixed = Outcome(variant: .old, reason: .disabled)
            case .some(true):
                // Personas are checked before the rollout, so only without them is the outcome known now.
                if !personas.isEmpty { fixed = nil }
                else if invalidRollout { fixed = Outcome(variant: .old, reason: .error, errorCode: .parseError) }
                else if rollout == nil { fixed = Outcome(variant: .new, reason: .static) }
                else { fixed = nil }
            }
        } else {
            fixed = Outcome(variant: .old, reason: .error, errorCode: .flagNotFound)
        }
        needsSession = fixed == nil && (!personas.isEmpty || stickiness != nil)
    }

    /// The decision for `session` (nil when missing) or, when the session is not needed or missing, the id
    /// `sessionID` (the rollout stickiness id; nil without a session).
    public func decide(session: SessionContext?, sessionID: String?) -> Decision {
        let sessionID = session?.id ?? sessionID
        if let fixed {
            return Decision(toggle: toggleName, session: sessionID, variant: fixed.variant, reason: fixed.reason, errorCode: fixed.errorCode)
        }
        var matched = false
        if !personas.isEmpty {
            guard let session, let authType = session.authType?.trimmingSpaces, personas.contains(authType) else {
                return Decision(toggle: toggleName, session: sessionID, variant: .old, reason: .default)
            }
            matched = true
        }
        // A rollout that is set but not a number 0-100 is a typo; failing closed keeps it from sending everyone
        // to the new code.
        if invalidRollout {
            return Decision(toggle: toggleName, session: sessionID, variant: .old, reason: .error, errorCode: .parseError)
        }
        if let rollout {
            let bucket = self.bucket(stickinessID: stickinessValue(session: session) ?? sessionID ?? "")
            let inRollout = rollout > 0 && bucket <= rollout
            return Decision(toggle: toggleName, session: sessionID, variant: inRollout ? .new : .old, reason: .split, bucket: bucket)
        }
        return Decision(toggle: toggleName, session: sessionID, variant: .new, reason: matched ? .targetingMatch : .static)
    }

    /// `RolloutBucket.bucket(toggle: toggleName, stickinessID:)` from the precomputed prefix state.
    public func bucket(stickinessID: String) -> Int {
        var hasher = bucketPrefix
        hasher.combine(stickinessID)
        return Int(hasher.finalize() % 100) + 1
    }

    /// The session field named by `stickiness` when set and present, else the session id (nil without a session).
    private func stickinessValue(session: SessionContext?) -> String? {
        if let stickiness, let value = session?.fields[field: stickiness] { return value }
        return session?.id
    }
}
