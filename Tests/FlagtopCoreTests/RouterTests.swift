import FlagtopCore
import Testing

/// Every rule of docs/data-layout.md, "Routing decision", in order.
@Suite struct RouterTests {
    let fbSession = Fixtures.session("4156e021:1234", [("name", "John Smith"), ("authType", "fb-user")])

    func decide(_ fields: [(String, String)]?, _ session: SessionContext?, name: String = "useNewAlgorithm", sessionID: String? = nil) -> Decision {
        Router.decide(toggleName: name, toggle: fields.map { Fixtures.toggle(name, $0) }, session: session, sessionID: sessionID)
    }

    @Test func missingToggleIsFlagNotFound() {
        let d = decide(nil, fbSession)
        #expect(d.variant == .old)
        #expect(d.reason == .error)
        #expect(d.errorCode == .flagNotFound)
        #expect(d.toggle == "useNewAlgorithm")
        #expect(d.session == "4156e021:1234")
    }

    @Test(arguments: ["maybe", "", "2", "enabled", "Tru e", "nope"])
    func nonBooleanIsParseError(value: String) {
        let d = decide([("toggle", value)], fbSession)
        #expect(d.variant == .old)
        #expect(d.reason == .error)
        #expect(d.errorCode == .parseError)
    }

    @Test func toggleFieldMissingIsParseError() {
        let d = decide([("releaseNum", "2.5")], fbSession)
        #expect(d.errorCode == .parseError)
        #expect(d.variant == .old)
    }

    @Test(arguments: ["True", "true", "TRUE", "1", "on", "On", "yes", "YES", " True "])
    func trueSpellingsAreNew(value: String) {
        let d = decide([("toggle", value)], nil)
        #expect(d.variant == .new)
        #expect(d.reason == .static)
        #expect(d.errorCode == nil)
    }

    @Test(arguments: ["False", "false", "FALSE", "0", "off", "OFF", "no", "No"])
    func falseSpellingsAreDisabled(value: String) {
        let d = decide([("toggle", value)], fbSession)
        #expect(d.variant == .old)
        #expect(d.reason == .disabled)
        #expect(d.errorCode == nil)
    }

    @Test func falseWinsOverOverrideAndRollout() {
        let d = decide([("toggle", "False"), ("override", "fb-user"), ("rollout", "100")], fbSession)
        #expect(d.reason == .disabled)
    }

    @Test func overrideMatchIsTargetingMatch() {
        let d = decide([("toggle", "True"), ("override", "fb-user")], fbSession)
        #expect(d.variant == .new)
        #expect(d.reason == .targetingMatch)
    }

    @Test func overrideListWithSpacesMatchesEachPersona() {
        let toggle: [(String, String)] = [("toggle", "True"), ("override", " google-user ,  fb-user , apple-user")]
        #expect(decide(toggle, fbSession).reason == .targetingMatch)
        let apple = Fixtures.session("a", [("authType", "apple-user")])
        #expect(decide(toggle, apple).variant == .new)
        let email = Fixtures.session("b", [("authType", "email-user")])
        #expect(decide(toggle, email).reason == .default)
    }

    @Test func overrideWithMissingSessionIsDefault() {
        let d = decide([("toggle", "True"), ("override", "fb-user")], nil, sessionID: "gone")
        #expect(d.variant == .old)
        #expect(d.reason == .default)
        #expect(d.session == "gone")
    }

    @Test func overrideWithAuthTypeMismatchIsDefault() {
        let session = Fixtures.session("s", [("authType", "google-user")])
        let d = decide([("toggle", "True"), ("override", "fb-user")], session)
        #expect(d.variant == .old)
        #expect(d.reason == .default)
    }

    @Test func overrideWithSessionLackingAuthTypeIsDefault() {
        let session = Fixtures.session("s", [("name", "Jane")])
        #expect(decide([("toggle", "True"), ("override", "fb-user")], session).reason == .default)
    }

    @Test func emptyOverrideIsIgnored() {
        #expect(decide([("toggle", "True"), ("override", "")], nil).reason == .static)
    }

    // Buckets: murmur3("AB12A:122") → 23, "AB12A:123" → 51, "AB12A:155" → 100 (Unleash's vectors).

    @Test(arguments: ["122", "123", "155"])
    func rolloutZeroIsAlwaysOld(id: String) {
        let d = decide([("toggle", "True"), ("rollout", "0")], Fixtures.session(id, []), name: "AB12A")
        #expect(d.variant == .old)
        #expect(d.reason == .split)
    }

    @Test(arguments: ["122", "123", "155"])
    func rolloutHundredIsStatic(id: String) {
        let d = decide([("toggle", "True"), ("rollout", "100")], Fixtures.session(id, []), name: "AB12A")
        #expect(d.variant == .new)
        #expect(d.reason == .static)
    }

    @Test func rolloutFiftySplitsBySessionID() {
        let toggle: [(String, String)] = [("toggle", "True"), ("rollout", "50")]
        let in23 = decide(toggle, Fixtures.session("122", []), name: "AB12A")
        #expect(in23.variant == .new)
        #expect(in23.reason == .split)
        #expect(in23.bucket == 23)
        let out51 = decide(toggle, Fixtures.session("123", []), name: "AB12A")
        #expect(out51.variant == .old)
        #expect(out51.reason == .split)
        #expect(out51.bucket == 51)
        #expect(decide(toggle, Fixtures.session("155", []), name: "AB12A").variant == .old)
    }

    @Test func rolloutBoundaryIsInclusive() {
        #expect(decide([("toggle", "True"), ("rollout", "51")], Fixtures.session("123", []), name: "AB12A").variant == .new)
        #expect(decide([("toggle", "True"), ("rollout", "22")], Fixtures.session("122", []), name: "AB12A").variant == .old)
        #expect(decide([("toggle", "True"), ("rollout", "23")], Fixtures.session("122", []), name: "AB12A").variant == .new)
    }

    @Test func rolloutUsesStickinessFieldWhenPresent() {
        let toggle: [(String, String)] = [("toggle", "True"), ("rollout", "50"), ("stickiness", "userId")]
        // The session id alone would be bucket 51 (out); its userId field is bucket 23 (in).
        let session = Fixtures.session("123", [("userId", "122")])
        let d = decide(toggle, session, name: "AB12A")
        #expect(d.variant == .new)
        #expect(d.bucket == 23)
        // And the other way round: id 122 (in) with userId 155 (bucket 100, out).
        let other = decide(toggle, Fixtures.session("122", [("userId", "155")]), name: "AB12A")
        #expect(other.variant == .old)
        #expect(other.bucket == 100)
    }

    @Test func rolloutFallsBackToSessionIDWhenStickinessFieldAbsent() {
        let toggle: [(String, String)] = [("toggle", "True"), ("rollout", "50"), ("stickiness", "userId")]
        let d = decide(toggle, Fixtures.session("122", [("email", "x@y")]), name: "AB12A")
        #expect(d.bucket == 23)
        #expect(d.variant == .new)
        let out = decide(toggle, Fixtures.session("123", [("email", "x@y")]), name: "AB12A")
        #expect(out.bucket == 51)
        #expect(out.variant == .old)
    }

    @Test func rolloutWithMissingSessionUsesTheGivenID() {
        let d = decide([("toggle", "True"), ("rollout", "50")], nil, name: "AB12A", sessionID: "122")
        #expect(d.bucket == 23)
        #expect(d.variant == .new)
    }

    @Test func overrideThenRollout() {
        let toggle: [(String, String)] = [("toggle", "True"), ("override", "fb-user"), ("rollout", "50")]
        // Persona matches and the bucket is in → new by SPLIT.
        let inside = decide(toggle, Fixtures.session("122", [("authType", "fb-user")]), name: "AB12A")
        #expect(inside.variant == .new)
        #expect(inside.reason == .split)
        // Persona matches, bucket out → old by SPLIT.
        let outside = decide(toggle, Fixtures.session("123", [("authType", "fb-user")]), name: "AB12A")
        #expect(outside.variant == .old)
        #expect(outside.reason == .split)
        // Persona does not match: DEFAULT before the rollout is looked at, even for an "in" bucket.
        let wrong = decide(toggle, Fixtures.session("122", [("authType", "google-user")]), name: "AB12A")
        #expect(wrong.variant == .old)
        #expect(wrong.reason == .default)
    }

    @Test func overrideWithRolloutHundredIsTargetingMatch() {
        let d = decide([("toggle", "True"), ("override", "fb-user"), ("rollout", "100")], fbSession)
        #expect(d.reason == .targetingMatch)
        #expect(d.variant == .new)
    }

    /// A typo in `rollout` must not send everyone to the new code: it fails closed (the documented rule 5).
    @Test(arguments: ["abc", "-5", "101", "50%", "1e2"])
    func invalidRolloutFailsClosed(value: String) {
        let d = decide([("toggle", "True"), ("rollout", value)], fbSession)
        #expect(d.variant == .old)
        #expect(d.reason == .error)
        #expect(d.errorCode == .parseError)
    }

    @Test func emptyRolloutIsIgnored() {
        let d = decide([("toggle", "True"), ("rollout", " ")], fbSession)
        #expect(d.variant == .new)
        #expect(d.reason == .static)
    }
}
