import FlagtopCore
import Testing

/// The parsed toggle the cache keeps: which decisions it can make without the session's HASH, and that those
/// equal the decisions made with the session read (RouterTests cover every rule through the same type).
@Suite struct RoutingPlanTests {
    func plan(_ fields: [(String, String)]?, name: String = "AB12A") -> RoutingPlan {
        RoutingPlan(toggleName: name, toggle: fields.map { Fixtures.toggle(name, $0) })
    }

    @Test func whichTogglesNeedTheSession() {
        #expect(!plan(nil).needsSession)
        #expect(!plan([("toggle", "True")]).needsSession)
        #expect(!plan([("toggle", "False"), ("override", "fb-user")]).needsSession)
        #expect(!plan([("toggle", "maybe"), ("override", "fb-user")]).needsSession)
        #expect(!plan([("toggle", "True"), ("rollout", "50")]).needsSession)
        #expect(!plan([("toggle", "True"), ("rollout", "abc"), ("stickiness", "userId")]).needsSession)
        #expect(!plan([("toggle", "True"), ("rollout", "100"), ("stickiness", "userId")]).needsSession)
        #expect(plan([("toggle", "True"), ("override", "fb-user")]).needsSession)
        #expect(plan([("toggle", "True"), ("override", "fb-user"), ("rollout", "abc")]).needsSession)
        #expect(plan([("toggle", "True"), ("rollout", "50"), ("stickiness", "userId")]).needsSession)
    }

    /// A rollout sticky on the session id buckets the same with or without the session's HASH, using the
    /// one-shot hash of `"<toggle>:<id>"` as the reference.
    @Test(arguments: ["122", "123", "155", "4156e021:1234", "", "ünïcödé-session"])
    func plainRolloutNeedsOnlyTheID(id: String) {
        let p = plan([("toggle", "True"), ("rollout", "50")])
        let withoutSession = p.decide(session: nil, sessionID: id)
        let withSession = p.decide(session: Fixtures.session(id, [("authType", "fb-user")]), sessionID: id)
        #expect(withoutSession == withSession)
        let expected = Int(Murmur3.x86_32("AB12A:\(id)") % 100) + 1
        #expect(withoutSession.bucket == expected)
        #expect(withoutSession.variant == (expected <= 50 ? .new : .old))
        #expect(p.bucket(stickinessID: id) == RolloutBucket.bucket(toggle: "AB12A", stickinessID: id))
    }

    @Test func sessionFreeOutcomesKeepTheSessionID() {
        #expect(plan(nil).decide(session: nil, sessionID: "s1")
            == Decision(toggle: "AB12A", session: "s1", variant: .old, reason: .error, errorCode: .flagNotFound))
        #expect(plan([("toggle", "True")]).decide(session: nil, sessionID: "s1")
            == Decision(toggle: "AB12A", session: "s1", variant: .new, reason: .static))
        #expect(plan([("toggle", "off")]).decide(session: nil, sessionID: nil)
            == Decision(toggle: "AB12A", session: nil, variant: .old, reason: .disabled))
        #expect(plan([("toggle", "True"), ("rollout", "1e2")]).decide(session: nil, sessionID: "s1").errorCode == .parseError)
    }
}
