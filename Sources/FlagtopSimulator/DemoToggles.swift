import FlagtopCore

/// The toggles the demo runs: the seeds' canary plus five more with different overrides, rollouts and releases.
public enum DemoToggles {
    /// The canary whose new code fails often; the demo's story is killing it.
    public static let canary = "useNewAlgorithm"

    public struct Spec: Sendable {
        public var name: String
        public var change: ToggleStore.Change
        /// Chance that a request on the new code path raises an error.
        public var errorRate: Double
        /// The service whose logs the requests go to.
        public var service: String
    }

    public static func all(canaryErrorRate: Double) -> [Spec] {
        [
            Spec(name: canary, change: .init(enabled: true, releaseNum: "2.5", fingerprint: "John S", override: "fb-user"),
                 errorRate: canaryErrorRate, service: "pricing"),
            Spec(name: "newCheckoutFlow", change: .init(enabled: true, releaseNum: "2.6", fingerprint: "Stephanie B,Ravi K", rollout: 30, stickiness: "email"),
                 errorRate: 0.02, service: "checkout"),
            Spec(name: "darkModeBeta", change: .init(enabled: true, releaseNum: "2.4", fingerprint: "Mei L", override: "google-user,apple-user"),
                 errorRate: 0.01, service: "web"),
            Spec(name: "fastSearchIndex", change: .init(enabled: true, releaseNum: "2.6", fingerprint: "Ravi K", rollout: 50),
                 errorRate: 0.03, service: "search"),
            Spec(name: "legacyExport", change: .init(enabled: false, releaseNum: "1.9", fingerprint: "John S"),
                 errorRate: 0.0, service: "export"),
            Spec(name: "recommendationsV2", change: .init(enabled: true, releaseNum: "2.7", fingerprint: "Ana P", override: "email-user", rollout: 80),
                 errorRate: 0.02, service: "recommendations"),
        ]
    }
}
