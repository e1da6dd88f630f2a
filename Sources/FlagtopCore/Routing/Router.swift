/// The routing decision (docs/data-layout.md, "Routing decision"): does this session run the new code for this toggle, and why.
///
/// Pure; for hot paths parse the toggle once with `RoutingPlan` and decide from that (the client's cache does).
public enum Router {
    /// Decides for `toggle` (nil when the toggle's HASH is missing) and `session` (nil when missing).
    /// `toggleName` names the toggle in the result and in the rollout hash. `sessionID` names a session whose
    /// HASH is missing (it still counts as missing for overrides, but its id is the rollout stickiness id).
    public static func decide(toggleName: String, toggle: Toggle?, session: SessionContext?, sessionID: String? = nil) -> Decision {
        RoutingPlan(toggleName: toggleName, toggle: toggle).decide(session: session, sessionID: sessionID)
    }
}
