import FlagtopCore
import Foundation
import RedisClient

/// Canary traffic for the demo and `flagtop simulate`: sessions of several personas that expire, a routing
/// decision per request through the library (`Router` on freshly read toggles, no cache, so a kill takes
/// effect on the next request), errors on the new code path reported to the error database with the toggle's
/// fingerprint, and a `log_recent` line per request.
public final class CanarySimulator: @unchecked Sendable {
    public struct Options: Sendable {
        /// Requests per second.
        public var rate: Double = 20
        /// Chance that a canary request on the new code raises an error.
        public var errorRate: Double = 0.3
        /// Seconds to run; nil runs until `stop()`.
        public var duration: Double?
        /// How many live sessions to keep.
        public var sessions = 40
        /// Session TTL in seconds.
        public var sessionTTL = 120
        /// Create the demo toggles when missing (existing ones are left alone).
        public var createToggles = true
        public var seed: UInt64 = 42
        public init() {}
    }

    /// Counters, readable while it runs.
    public struct Stats: Sendable, Equatable {
        public var requests = 0
        public var newCode: [String: Int] = [:]
        public var errors: [String: Int] = [:]
        public var failures = 0
        public var lastFailure: String?
    }

    public let settings: FlagtopSettings
    public let options: Options
    private let stopped = NSLock()
    private var stopFlag = false
    private let statsLock = NSLock()
    private var currentStats = Stats()

    public init(settings: FlagtopSettings, options: Options) {
        self.settings = settings
        self.options = options
    }

    public var stats: Stats { statsLock.withLock { currentStats } }

    public func stop() { stopped.withLock { stopFlag = true } }
    private var isStopped: Bool { stopped.withLock { stopFlag } }

    /// Runs on a background thread.
    public func start() {
        let thread = Thread { [self] in
            // Terminal signals belong to the dashboard's UI thread, never to the traffic thread.
            var set = sigset_t()
            sigemptyset(&set)
            for sig in [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT] { sigaddset(&set, sig) }
            pthread_sigmask(SIG_BLOCK, &set, nil)
            run()
        }
        thread.name = "flagtop-simulator"
        // Not kept: the block already retains self, and a stored Thread made a cycle that leaked the
        // simulator (LeakSanitizer, make check). The thread ends when run() returns.
        thread.start()
    }

    /// Runs on the calling thread until the duration passes or `stop()`.
    public func run() {
        var rng = SplitMix64(seed: options.seed)
        var simSettings = settings
        simSettings.actor = "flagtop-demo"
        let connection = RedisConnection(endpoint: settings.endpoint, options: simSettings.connectionOptions(name: "flagtop-simulator"))
        let specs = DemoToggles.all(canaryErrorRate: options.errorRate)
        var prepared = false
        var backend: SearchBackendKind?
        var sessionIDs: [String] = []
        let start = Date()
        var requestID = 0
        let period = 1.0 / max(options.rate, 0.1)
        var next = Date()
        while !isStopped {
            if let duration = options.duration, Date().timeIntervalSince(start) >= duration { break }
            let wait = next.timeIntervalSinceNow
            if wait > 0 { usleep(UInt32(min(wait, 0.2) * 1_000_000)); continue }
            next = next.addingTimeInterval(period)
            if next.timeIntervalSinceNow < -1 { next = Date() }  // never try to catch up a long stall in a burst
            do {
                if !prepared {
                    if options.createToggles { try createToggles(specs, settings: simSettings, on: connection) }
                    backend = try ServerInfo.probe(connection).search
                    try ErrorDatabase(settings: simSettings, backend: backend!).ensureIndex(on: connection)
                    prepared = true
                }
                requestID += 1
                let session = try pickSession(&sessionIDs, rng: &rng, on: connection)
                try serve(requestID: requestID, sessionID: session, specs: specs, backend: backend!, rng: &rng, settings: simSettings, on: connection)
            } catch {
                statsLock.withLock {
                    currentStats.failures += 1
                    currentStats.lastFailure = error.localizedDescription
                }
                usleep(200_000)
            }
        }
    }

    private func createToggles(_ specs: [DemoToggles.Spec], settings: FlagtopSettings, on connection: RedisConnection) throws {
        let store = ToggleStore(settings: settings)
        for spec in specs where try store.get(spec.name, on: connection) == nil {
            try store.set(spec.name, spec.change, reason: "demo setup", on: connection)
        }
    }

    /// An error reply inside a transaction (a wrong-typed key, OOM) is a failed request, never a silent success.
    private static func requireSuccess(_ replies: [RedisReply]) throws {
        if let error = replies.lazy.compactMap(\.serverError).first { throw error }
    }

    private static let personas = ["fb-user", "google-user", "email-user", "apple-user", "anonymous"]
    private static let names = ["John Smith", "Ada Byron", "Grace Hopper", "Alan Turing", "Mei Lin", "Ravi Kumar", "Ana Pereira", "Sam Okafor"]

    /// Keeps about `options.sessions` live sessions; creates new ones (with a TTL) as old ones expire.
    private func pickSession(_ ids: inout [String], rng: inout SplitMix64, on connection: RedisConnection) throws -> String {
        if ids.count < options.sessions || rng.next() % 10 == 0 {
            let id = String(format: "%08x:%d", UInt32(truncatingIfNeeded: rng.next()), Int(rng.next() % 9000) + 1000)
            let name = Self.names[Int(rng.next() % UInt64(Self.names.count))]
            let persona = Self.personas[Int(rng.next() % UInt64(Self.personas.count))]
            let email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.com"
            let key = SessionStore(settings: settings).key(for: id)
            let ttl = options.sessionTTL / 2 + Int(rng.next() % UInt64(max(options.sessionTTL / 2, 1)))
            try Self.requireSuccess(connection.transaction([
                RedisCommand("HSET", key, "name", name, "email", email, "phone", "718-111-\(1000 + Int(rng.next() % 9000))",
                             "authType", persona, "creationTime", AscTime.now()),
                RedisCommand("EXPIRE", key, ttl),
            ]))
            ids.append(id)
            if ids.count > options.sessions * 2 { ids.removeFirst(ids.count - options.sessions * 2) }
            return id
        }
        return ids[Int(rng.next() % UInt64(ids.count))]
    }

    /// One request: read the session and every toggle in one round trip, decide, maybe fail, log.
    private func serve(requestID: Int, sessionID: String, specs: [DemoToggles.Spec], backend: SearchBackendKind,
                       rng: inout SplitMix64, settings: FlagtopSettings, on connection: RedisConnection) throws {
        let store = ToggleStore(settings: settings)
        let sessions = SessionStore(settings: settings)
        var batch = PipelineBatch()
        let sessionH = batch.add(sessions.fetch(keys: [sessions.key(for: sessionID)]))
        let toggleHs = specs.map { batch.add(store.fetch($0.name)) }
        let results = try batch.run(on: connection)
        let session = try results.value(sessionH).sessions.first
        // The canary gets 40% of the traffic so its story is visible; the rest is spread evenly.
        let spec = rng.next() % 10 < 4 ? specs[0] : specs[1 + Int(rng.next() % UInt64(specs.count - 1))]
        let toggle = try results.value(toggleHs[specs.firstIndex { $0.name == spec.name }!])
        let decision = Router.decide(toggleName: spec.name, toggle: toggle, session: session, sessionID: sessionID)
        let persona = session?.authType ?? "anonymous"
        var failed = false
        if decision.isNew, spec.errorRate > 0, Double(rng.next() % 10_000) / 10_000 < spec.errorRate {
            failed = true
            let body = ExceptionBodies.make(toggle: spec.name, service: spec.service, requestID: requestID, pick: Int(rng.next() % 1000))
            let database = ErrorDatabase(settings: settings, backend: backend)
            try database.report(ErrorReport(toggleName: spec.name, exceptionBody: body, sessionId: sessionID, toggleValue: toggle?.rawToggle,
                                            fingerPrint: toggle?.fingerprint, releaseNum: toggle?.releaseNum), on: connection)
        }
        let path = decision.isNew ? "new code" : "old code"
        let message = failed
            ? "request \(requestID) session=\(sessionID) persona=\(persona) \(spec.name): FAILED on \(path) (\(decision.reason.rawValue))"
            : "request \(requestID) session=\(sessionID) persona=\(persona) \(spec.name): served by \(path) (\(decision.reason.rawValue))"
        try Self.requireSuccess(connection.transaction(RecentLogs.logCommands(name: spec.service, message: message, severity: failed ? "error" : "info")))
        statsLock.withLock {
            currentStats.requests += 1
            if decision.isNew { currentStats.newCode[spec.name, default: 0] += 1 }
            if failed { currentStats.errors[spec.name, default: 0] += 1 }
        }
    }
}

/// A small deterministic generator, so demo runs and tests are repeatable.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
