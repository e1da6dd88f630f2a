import Foundation
import RedisClient

/// The library applications use: decide toggles for a session, report errors and write recent logs in the
/// layout the dashboard reads.
///
/// ```swift
/// let flags = try FlagtopClient(url: "redis://127.0.0.1:6379/0", cacheTTL: 1.0)
/// if try flags.isEnabled("useNewAlgorithm", session: "4156e021:1234") { newCode() } else { oldCode() }
/// try flags.reportError(toggle: "useNewAlgorithm", exception: "\(error)", session: "4156e021:1234")
/// try flags.log("checkout", "served by the new algorithm", severity: "info")   // waits for Redis
/// let logs = flags.logWriter()                                                  // streams, see RecentLogWriter
/// try logs.send(name: "checkout", message: "served by the new algorithm")
/// let acks = try logs.flush()
/// ```
///
/// Thread model: a client owns one blocking connection and a lock around it, so it may be shared between
/// threads (calls that touch Redis are serialised; cached decisions only take the cache's own short lock).
/// Do not call it from Swift's cooperative pool in hot async code; give each worker thread its own client for
/// parallel I/O.
public final class FlagtopClient: @unchecked Sendable {
    public let settings: FlagtopSettings
    private let connection: RedisConnection
    /// Guards `connection` and `backend`; the cache has its own lock, so cached decisions never wait for I/O.
    private let lock = NSLock()
    private let cache: LockedToggleCache
    private let cacheEnabled: Bool
    private var backend: SearchBackendKind?

    /// Connects (lazily: the first call connects). `cacheTTL` > 0 caches toggles that long for `decide` (at most a
    /// year; NaN or ≤ 0 turns the cache off).
    public init(settings: FlagtopSettings, cacheTTL: Double = 0) {
        self.settings = settings
        self.connection = RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-lib"))
        let cache = ToggleCache(ttl: cacheTTL)
        self.cacheEnabled = cache.isEnabled
        self.cache = LockedToggleCache(cache)
    }

    public convenience init(url: String, cacheTTL: Double = 0) throws {
        self.init(settings: FlagtopSettings(endpoint: try RedisEndpoint(url: url)), cacheTTL: cacheTTL)
    }

    /// The routing decision for `toggle` and the session `sessionID` (key `session:<id>`), per docs/data-layout.md, "Routing decision".
    ///
    /// With the cache on, a cached toggle whose decision does not depend on the session's fields (on, off,
    /// missing, invalid, or a rollout sticky on the session id) is decided in memory: one lookup under a
    /// cheap lock, no I/O, no allocation. Persona targeting and field stickiness read the session (one round
    /// trip); an uncached toggle is read together with the session in one round trip.
    public func decide(_ toggle: String, session sessionID: String?) throws(FlagtopError) -> Decision {
        if cacheEnabled {
            let now = CacheClock.now()
            if let hit = cache.withLock({ $0.decision(toggle, sessionID: sessionID, now: now) }) { return hit }
        }
        return try decideReadingRedis(toggle, session: sessionID)
    }

    /// Whether the session runs the new code.
    public func isEnabled(_ toggle: String, session sessionID: String? = nil) throws(FlagtopError) -> Bool {
        try decide(toggle, session: sessionID).isNew
    }

    /// The slow path: reads what the cache cannot answer (the toggle, the session, or both) in one round trip.
    private func decideReadingRedis(_ toggle: String, session sessionID: String?) throws(FlagtopError) -> Decision {
        lock.lock()
        defer { lock.unlock() }
        let started = CacheClock.now()
        let (cached, generation) = cacheEnabled ? cache.withLock { ($0.plan(toggle, now: started), $0.generation) } : (nil, 0)
        // Unknown toggle: read the session along with it, so a targeted toggle still costs one round trip.
        let needSession = sessionID != nil && (cached?.needsSession ?? true)
        let sessions = SessionStore(settings: settings)
        var batch = PipelineBatch()
        let toggleHandle = cached == nil ? batch.add(ToggleStore(settings: settings).fetch(toggle)) : nil
        let sessionHandle = needSession ? batch.add(sessions.fetch(keys: [sessions.key(for: sessionID!)])) : nil
        var plan = cached
        var session: SessionContext?
        if !batch.commands.isEmpty {
            let results: PipelineBatch.Results
            do { results = try batch.run(on: connection) } catch { throw .redis(error) }
            if let toggleHandle {
                let fresh = RoutingPlan(toggleName: toggle, toggle: try results.value(toggleHandle))
                if cacheEnabled { cache.withLock { $0.store(toggle, fresh, now: started, generation: generation) } }
                plan = fresh
            }
            if let sessionHandle { session = try results.value(sessionHandle).sessions.first }
        }
        return plan!.decide(session: session, sessionID: sessionID)
    }

    /// Stores an error for `toggle` with its current value, fingerprint and release; returns the document id.
    @discardableResult
    public func reportError(toggle: String, exception: String, session: String? = nil) throws(FlagtopError) -> String {
        lock.lock()
        defer { lock.unlock() }
        let backend = try searchBackend()
        // The index as it is defined says where the document goes (2.x+: its prefix).
        let database = try ErrorDatabase(settings: settings, backend: backend).resolved(on: connection)
        return try database.report(ErrorReport(toggleName: toggle, exceptionBody: exception, sessionId: session), on: connection)
    }

    /// The seeds' `log_recent`, acknowledged: returns once Redis has applied the message (one round trip).
    /// For many messages use `logWriter()`, which does not wait for Redis per message.
    public func log(_ name: String, _ message: String, severity: String = "info") throws(FlagtopError) {
        lock.lock()
        defer { lock.unlock() }
        try RecentLogs().log(name: name, message: message, severity: severity, on: connection)
    }

    /// A streaming log writer on its own connection (same server and database): `send` writes each message at
    /// once without waiting for Redis, `flush` collects the acknowledgements. One per thread; see
    /// `RecentLogWriter`.
    public func logWriter(maxUnacknowledged: Int = 10_000) -> RecentLogWriter {
        RecentLogWriter(settings: settings, maxUnacknowledged: maxUnacknowledged)
    }

    /// Forgets cached toggles (after a write the application made itself, for instance).
    public func invalidateCache() {
        cache.withLock { $0.removeAll() }
    }

    private func searchBackend() throws(FlagtopError) -> SearchBackendKind {
        if let backend { return backend }
        do { backend = try ServerInfo.probe(connection).search } catch { throw .redis(error) }
        return backend!
    }
}

