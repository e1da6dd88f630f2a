import RedisClient

/// Tells a reader which keys changed since it last read them, using Redis's server-assisted client-side
/// caching (`CLIENT TRACKING`) in RESP2 redirect mode, the only mode hiredis 0.14 can use: a second
/// connection (the sink) subscribes to `__redis__:invalidate`, and the data connection's tracking is
/// redirected to it. Redis then names every key the data connection read once it changes, expires or is
/// deleted (a flush sends "everything"). Draining the sink never blocks and costs no round trip.
///
/// When tracking cannot be used (Redis before 6, an ACL without `&__redis__:invalidate`, a dead sink),
/// `drain()` answers `.everything`, so a caller that re-reads what it is told is always correct: the feed
/// only ever saves work, it never hides a change.
public final class InvalidationFeed {
    /// What changed since the last drain.
    public enum Changes: Equatable, Sendable {
        /// These keys (as bytes), and nothing else that was read over the tracked connection.
        case keys(Set<[UInt8]>)
        /// Anything may have changed: drop every cached value.
        case everything
    }

    public static let channel = "__redis__:invalidate"
    private let sink: RedisConnection
    /// The data connection's (and broadcaster's) `connectCount` when tracking was switched on; nil = not tracking.
    private var trackedGeneration: Int?
    private var broadcastGeneration: Int?
    private var sinkID: Int64?
    /// Whether a broadcaster reports every change under its prefixes (new keys included).
    public private(set) var isBroadcasting = false
    private var lastFailure: ContinuousClock.Instant?
    private var broadcastFailure: ContinuousClock.Instant?
    /// How long to wait before trying again after tracking could not be switched on.
    public var retryAfter: Duration = .seconds(30)
    /// Why tracking is off, for status lines (nil while it works).
    public private(set) var problem: String?
    /// A flood of invalidations is cheaper to answer with one full re-read.
    public var maxKeysPerDrain = 50_000

    public init(endpoint: RedisEndpoint, options: RedisConnectionOptions) {
        sink = RedisConnection(endpoint: endpoint, options: options)
    }

    /// Whether the last `track(_:)` left tracking on.
    public var isTracking: Bool { trackedGeneration != nil && sink.isConnected }

    /// Makes sure `connection` (connected) is tracked into a live sink, and, given a `broadcaster` and
    /// prefixes, that every change under those prefixes is reported too (BCAST mode: keys never read, such as
    /// new ones, included). Returns true when tracking was (re)started just now: nothing read before is
    /// covered, so the caller must treat everything as changed.
    @discardableResult
    public func track(_ connection: RedisConnection, broadcasting prefixes: [String] = [], on broadcaster: RedisConnection? = nil) -> Bool {
        let wantBroadcast = broadcaster != nil && !prefixes.isEmpty
        if trackedGeneration == connection.connectCount, sink.isConnected {
            // The data connection is covered. A broadcaster that reconnected (or failed before) only lost
            // reports of keys nobody read yet, which the caller's SCAN still finds: restart it alone.
            if wantBroadcast, let broadcaster, broadcastGeneration != broadcaster.connectCount {
                isBroadcasting = false
                if broadcastFailure.map({ ContinuousClock.now >= $0 + retryAfter }) ?? true {
                    startBroadcast(broadcaster, prefixes: prefixes)
                }
            }
            return false
        }
        trackedGeneration = nil
        broadcastGeneration = nil
        isBroadcasting = false
        if let lastFailure, ContinuousClock.now < lastFailure + retryAfter { return false }
        do throws(RedisError) {
            sink.close()
            try sink.connect()
            guard let id = try sink.send("CLIENT", "ID").int else { throw RedisError.protocolError("CLIENT ID gave no id") }
            let subscribed = try sink.send("SUBSCRIBE", Self.channel)
            if let error = subscribed.serverError { throw error }
            sinkID = id
            // OFF first: a connection already tracking into an older sink must switch, not keep the old redirect.
            let replies = try connection.pipeline([RedisCommand("CLIENT", "TRACKING", "OFF"), RedisCommand("CLIENT", "TRACKING", "ON", "REDIRECT", id)])
            if let error = replies[1].serverError { throw error }
            trackedGeneration = connection.connectCount
            problem = nil
            lastFailure = nil
        } catch {
            sink.close()
            problem = "change tracking off (\(error.description)); re-reading everything each refresh"
            lastFailure = .now
            return false
        }
        if wantBroadcast, let broadcaster { startBroadcast(broadcaster, prefixes: prefixes) }
        return true
    }

    private func startBroadcast(_ broadcaster: RedisConnection, prefixes: [String]) {
        guard let id = sinkID else { return }
        do throws(RedisError) {
            if !broadcaster.isConnected { try broadcaster.connect() }
            var on = RedisCommand("CLIENT", "TRACKING", "ON", "REDIRECT", id, "BCAST")
            for prefix in prefixes { on.append("PREFIX", prefix) }
            let replies = try broadcaster.pipeline([RedisCommand("CLIENT", "TRACKING", "OFF"), on])
            if let error = replies[1].serverError { throw error }
            broadcastGeneration = broadcaster.connectCount
            isBroadcasting = true
            broadcastFailure = nil
        } catch {
            problem = "new keys are found by SCAN only (\(error.description))"
            broadcastFailure = .now
        }
    }

    /// The keys invalidated since the last drain; `.everything` when tracking is off or was lost.
    public func drain() -> Changes {
        guard trackedGeneration != nil else { return .everything }
        var keys: Set<[UInt8]> = []
        do throws(RedisError) {
            while true {
                let messages = try sink.receivePending(limit: 1024)
                for message in messages {
                    switch Self.invalidation(in: message) {
                    case .none: continue
                    case .everything: drainRest(); return .everything
                    case let .keys(named): keys.formUnion(named)
                    }
                }
                if keys.count > maxKeysPerDrain { drainRest(); return .everything }
                if messages.count < 1024 { return .keys(keys) }
            }
        } catch {
            // The sink died, so invalidations may have been lost: start over on the next `track`.
            trackedGeneration = nil
            isBroadcasting = false
            problem = "change tracking lost (\(error.description)); re-reading everything"
            return .everything
        }
    }

    /// Stops tracking (the sink is closed; the data connection's own tracking ends when it closes).
    public func stop() {
        sink.close()
        trackedGeneration = nil
        broadcastGeneration = nil
        isBroadcasting = false
    }

    /// Reads and discards what is pending after an "everything" answer.
    private func drainRest() {
        while let messages = try? sink.receivePending(limit: 4096), messages.count == 4096 {}
    }

    /// `["message", "__redis__:invalidate", [key, …] | nil]`; other pushes (subscribe confirmations) are nil.
    static func invalidation(in message: RedisReply) -> Changes? {
        guard case let .array(parts) = message, parts.count == 3, parts[0].string == "message", parts[1].string == channel else { return nil }
        switch parts[2] {
        case let .array(keys): return .keys(Set(keys.compactMap(\.bytes)))
        case .null: return .everything
        default: return nil
        }
    }
}
