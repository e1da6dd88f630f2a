/// The routing decision of SPEC §2: does this session run the new code for this toggle, and why.
///
/// Pure and allocation-light, so applications can call it on hot paths with cached toggles.
public enum Router {
    /// Decides for `toggle` (nil when the toggle's HASH is missing) and `session` (nil when missing).
    /// `toggleName` names the toggle in the result and in the rollout hash. `sessionID` names a session whose
    /// HASH is missing (it still counts as missing for overrides, but its id is the rollout stickiness id).
    public static func decide(toggleName: String, toggle: Toggle?, session: SessionContext?, sessionID: String? = nil) -> Decision {
        let sessionID = session?.id ?? sessionID
        guard let toggle else {
            return Decision(toggle: toggleName, session: sessionID, variant: .old, reason: .error, errorCode: .flagNotFound)
        }
        guard let enabled = toggle.enabled else {
            return Decision(toggle: toggleName, session: sessionID, variant: .old, reason: .error, errorCode: .parseError)
        }
        guard enabled else {
            return Decision(toggle: toggleName, session: sessionID, variant: .old, reason: .disabled)
        }
        var matched = false
        let personas = toggle.overridePersonas
        if !personas.isEmpty {
            guard let session, let authType = session.authType?.trimmingSpaces, personas.contains(authType) else {
                return Decision(toggle: toggleName, session: sessionID, variant: .old, reason: .default)
            }
            matched = true
        }
        // A rollout that is set but not a number 0-100 is a typo; failing closed keeps it from sending everyone
        // to the new code.
        if toggle.hasInvalidRollout {
            return Decision(toggle: toggleName, session: sessionID, variant: .old, reason: .error, errorCode: .parseError)
        }
        if let rollout = toggle.rollout, rollout < 100 {
            let stickinessID = stickinessValue(toggle: toggle, session: session) ?? sessionID ?? ""
            let bucket = RolloutBucket.bucket(toggle: toggleName, stickinessID: stickinessID)
            let inRollout = rollout > 0 && bucket <= rollout
            return Decision(toggle: toggleName, session: sessionID, variant: inRollout ? .new : .old, reason: .split, bucket: bucket)
        }
        return Decision(toggle: toggleName, session: sessionID, variant: .new, reason: matched ? .targetingMatch : .static)
    }

    /// The session field named by `stickiness` when set and present, else the session id ("" without a session).
    static func stickinessValue(toggle: Toggle, session: SessionContext?) -> String? {
        if let field = toggle.stickiness, let value = session?.fields[field: field] { return value }
        return session?.id
    }
}
