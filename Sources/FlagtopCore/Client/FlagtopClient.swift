import Foundation
import RedisClient

/// The library applications use: decide toggles for a session, report errors and write recent logs in the
/// layout the dashboard reads.
///
/// ```swift
/// let flags = try FlagtopClient(url: "redis://127.0.0.1:6379/0", cacheTTL: 1.0)
/// if try flags.isEnabled("useNewAlgorithm", session: "4156e021:1234") { newCode() } else { oldCode() }
/// try flags.reportError(toggle: "useNewAlgorithm", exception: "\(error)", session: "4156e021:1234")
/// try flags.log("checkout", "served by the new algorithm", severity: "info")
/// ```
///
/// Thread model: a client owns one blocking connection and a lock around it, so it may be shared between
/// threads (calls are serialised). Do not call it from Swift's cooperative pool in hot async code; give each
/// worker thread its own client for parallelism.
public final class FlagtopClient: @unchecked Sendable {
    public let settings: FlagtopSettings
    private let connection: RedisConnection
    private let lock = NSLock()
    private var cache: ToggleCache
    private var backend: SearchBackendKind?

    /// Connects (lazily: the first call connects). `cacheTTL` > 0 caches toggles that long for `decide`.
    public init(settings: FlagtopSettings, cacheTTL: Double = 0) {
        self.settings = settings
        self.connection = RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-lib"))
        self.cache = ToggleCache(ttl: cacheTTL)
    }

    public convenience init(url: String, cacheTTL: Double = 0) throws {
        self.init(settings: FlagtopSettings(endpoint: try RedisEndpoint(url: url)), cacheTTL: cacheTTL)
    }

    /// The routing decision for `toggle` and the session `sessionID` (key `session:<id>`), per SPEC §2.
    /// A cached toggle saves the HGETALL; the session is always read (one round trip for both when not cached).
    public func decide(_ toggle: String, session sessionID: String?) throws(FlagtopError) -> Decision {
        lock.lock()
        defer { lock.unlock() }
        let sessions = SessionStore(settings: settings)
        let store = ToggleStore(settings: settings)
        let needSession = sessionID != nil && needsSession(toggle)
        var batch = PipelineBatch()
        let cached = cache.lookup(toggle)
        let toggleHandle = cached == nil ? batch.add(store.fetch(toggle)) : nil
        let sessionHandle = needSession ? batch.add(sessions.fetch(keys: [sessions.key(for: sessionID!)])) : nil
        var toggleValue: Toggle?
        var session: SessionContext?
        if !batch.commands.isEmpty {
            let results: PipelineBatch.Results
            do { results = try batch.run(on: connection) } catch { throw .redis(error) }
            if let toggleHandle {
                toggleValue = try results.value(toggleHandle)
                cache.store(toggle, toggleValue)
            }
            if let sessionHandle { session = try results.value(sessionHandle).sessions.first }
        }
        if let cached { toggleValue = cached.toggle }
        return Router.decide(toggleName: toggle, toggle: toggleValue, session: session, sessionID: sessionID)
    }

    /// Whether the session runs the new code.
    public func isEnabled(_ toggle: String, session sessionID: String? = nil) throws(FlagtopError) -> Bool {
        try decide(toggle, session: sessionID).isNew
    }

    /// The session is only needed when the cached toggle targets personas or rolls out; unknown → read it.
    private func needsSession(_ toggle: String) -> Bool {
        guard let cached = cache.lookup(toggle) else { return true }
        guard let t = cached.toggle, t.enabled == true else { return false }
        return !t.overridePersonas.isEmpty || (t.rollout.map { $0 < 100 } ?? false)
    }

    /// Stores an error for `toggle` with its current value, fingerprint and release; returns the document id.
    @discardableResult
    public func reportError(toggle: String, exception: String, session: String? = nil) throws(FlagtopError) -> String {
        lock.lock()
        defer { lock.unlock() }
        let backend = try searchBackend()
        let database = ErrorDatabase(settings: settings, backend: backend)
        try database.ensureIndex(on: connection)
        return try database.report(ErrorReport(toggleName: toggle, exceptionBody: exception, sessionId: session), on: connection)
    }

    /// The seeds' `log_recent`.
    public func log(_ name: String, _ message: String, severity: String = "info") throws(FlagtopError) {
        lock.lock()
        defer { lock.unlock() }
        try RecentLogs().log(name: name, message: message, severity: severity, on: connection)
    }

    /// Forgets cached toggles (after a write the application made itself, for instance).
    public func invalidateCache() {
        lock.lock()
        cache.removeAll()
        lock.unlock()
    }

    private func searchBackend() throws(FlagtopError) -> SearchBackendKind {
        if let backend { return backend }
        do { backend = try ServerInfo.probe(connection).search } catch { throw .redis(error) }
        return backend!
    }
}

