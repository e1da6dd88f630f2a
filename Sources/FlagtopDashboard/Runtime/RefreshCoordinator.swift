import FlagtopCore
import FlagtopUI
import RedisClient

/// One refresh of the dashboard, for the poller thread: owns the connections, the round trip, change
/// tracking (`InvalidationFeed`), the reconnect backoff and the periodic full re-read; the pane sources
/// (`PaneSource`, one per pane) own what is read. Each refresh is ONE pipelined round trip on the poller
/// connection; slow work (discovery, log names, the no-module search) runs on a background connection.
///
/// ```swift
/// var coordinator = RefreshCoordinator(settings: settings, clock: SystemClock())
/// let outcome = coordinator.refresh(control: PollControl())   // outcome.data: the snapshot, nil when Redis was not reached
/// ```
public struct RefreshCoordinator {
    /// Tracking never reports some changes (SWAPDB swaps whole databases): everything is read again at least this often.
    public var fullReadEvery = 30.0
    /// Set by a full read: after it, free heap pages go back to the system (`malloc_trim`).
    private var trimDue = false
    let settings: FlagtopSettings
    let clock: any DashboardClock
    let connection: RedisConnection
    let background: RedisConnection
    let feed: InvalidationFeed
    let changeTracking: Bool
    private var sources: [any PaneSource]
    private var info: ServerInfo?
    private var connectGeneration = 0
    private var lastFullRead: Double
    private var lastRefreshGeneration = -1
    private var count = 0
    /// The snapshot the sources write into; the UI gets a copy after every refresh that reached Redis.
    private var snapshot: DashboardData
    /// Pipelined round trips the last refresh made on the poller connection (tests check it is one batch).
    public private(set) var pipelineCallsForTesting = 0
    /// Commands in the last refresh's pipeline (tests check that an unchanged refresh stays small).
    public private(set) var pipelineCommandsForTesting = 0

    /// `changeTracking` false re-reads everything every refresh (what happens when Redis cannot track).
    public init(settings: FlagtopSettings, clock: any DashboardClock = SystemClock(), changeTracking: Bool = true) {
        self.settings = settings
        self.clock = clock
        self.changeTracking = changeTracking
        connection = RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-poller"))
        background = RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-scan"))
        feed = InvalidationFeed(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-tracking"))
        sources = [TogglesSource(settings: settings), SessionsSource(settings: settings), ErrorsSource(settings: settings), LogsSource()]
        lastFullRead = clock.now
        snapshot = DashboardData(server: settings.endpoint.redacted, fetchedAt: clock.now)
    }

    /// Whether the session scan has been through the keyspace once.
    public var sessionPassComplete: Bool {
        sources.lazy.compactMap { $0 as? SessionsSource }.first?.passComplete ?? false
    }

    /// One refresh: background work if due, then one pipelined round trip on the poller connection.
    public mutating func refresh(control: PollControl) -> RefreshOutcome {
        pipelineCallsForTesting = 0
        do {
            try connectIfNeeded()
            let context = makeContext(control)
            for i in sources.indices { sources[i].background(context, on: background) }
            try poll(context)
            return RefreshOutcome(connection: .connected, data: snapshot, changeTracking: feed.isTracking)
        } catch {
            var retry = connection.retryIn ?? 0
            var reason = error.description
            if case let .disconnected(r, last) = error { reason = last; retry = r }
            if retry == 0 { retry = connection.options.backoff.initial }
            return RefreshOutcome(connection: .disconnected(reason: reason, retryIn: retry), data: nil, changeTracking: false)
        }
    }

    /// How long the poller waits after `outcome`: the interval, or the reconnect backoff while Redis is away
    /// (never longer than the interval, never a busy loop).
    public static func delay(after outcome: RefreshOutcome, interval: Double) -> Double {
        guard case let .disconnected(_, retryIn) = outcome.connection else { return interval }
        return min(max(retryIn, 0.05), interval)
    }

    /// Probes the server on the first connect and after every reconnect (the server may have been replaced).
    private mutating func connectIfNeeded() throws(RedisError) {
        if !connection.isConnected, let wait = connection.retryIn {
            throw .disconnected(retryIn: wait, lastError: connection.lastError?.description ?? "not connected")
        }
        // Connecting (with its AUTH/SELECT handshake) happens only after a failure; in steady state the
        // refresh batch is the connection's only round trip.
        if !connection.isConnected { try connection.connect() }
        if info == nil || connection.connectCount != connectGeneration {
            connectGeneration = connection.connectCount
            let probed = try ServerInfo.probe(connection)
            info = probed
            snapshot.redisVersion = probed.version ?? ""
            snapshot.searchBackend = probed.search.displayName
            // A reconnect may mean a new or flushed server.
            invalidateAll()
        }
        // Tracking is (re)started after every reconnect; until it runs, every refresh reads everything.
        if changeTracking, feed.track(connection, broadcasting: broadcastPrefixes, on: background) { invalidateAll() }
        // Tracking never reports SWAPDB (nor a database restored under the same keys): read everything now and then.
        if clock.now - lastFullRead >= fullReadEvery { invalidateAll() }
    }

    private mutating func makeContext(_ control: PollControl) -> RefreshContext {
        let forced = control.refreshGeneration != lastRefreshGeneration
        lastRefreshGeneration = control.refreshGeneration
        count += 1
        return RefreshContext(
            settings: settings, control: control, now: clock.now, unixNow: clock.unixNow, info: info,
            tracking: feed.isTracking, broadcasting: feed.isBroadcasting, forced: forced, count: count, background: background)
    }

    private mutating func poll(_ context: RefreshContext) throws(RedisError) {
        switch feed.drain() {
        case let .keys(keys):
            if !keys.isEmpty { for i in sources.indices { sources[i].invalidate(keys, context) } }
        case .everything:
            // Without tracking every source reads everything anyway; with it, this is a flush.
            if context.tracking { invalidateAll() }
        }
        var batch = PipelineBatch()
        for i in sources.indices { sources[i].plan(&batch, context) }
        // Nothing to read: a PING still proves the server is there (and measures the round trip).
        if batch.commands.isEmpty { _ = batch.add(Fetch(commands: [RedisCommand("PING")]) { _ in () }) }
        let started = ContinuousClock.now
        let results = try batch.run(on: connection)
        let elapsed = ContinuousClock.now - started
        pipelineCallsForTesting += 1
        pipelineCommandsForTesting = batch.commands.count
        for i in sources.indices { sources[i].apply(results, to: &snapshot, context) }
        if trimDue {
            // A full read builds everything anew while the old data is still held (here and on the UI thread):
            // hand the freed peak back to the system, or a dashboard open all day grows with each full read.
            trimDue = false
            _ = malloc_trim(0)
        }
        snapshot.fetchedAt = context.now
        snapshot.roundTripMillis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// Everything read so far may be out of date: every source reads everything again.
    private mutating func invalidateAll() {
        lastFullRead = clock.now
        trimDue = true
        for i in sources.indices { sources[i].invalidateAll() }
    }

    /// Session keys are reported by prefix, so only a pattern that is a plain prefix plus `*` can use it.
    private var broadcastPrefixes: [String] {
        let prefix = settings.sessionPrefix
        return !prefix.isEmpty && settings.sessionPattern == prefix + "*" && !prefix.contains("\\") ? [prefix] : []
    }
}

/// What one refresh produced, handed from the poller thread to the UI thread.
public struct RefreshOutcome: Sendable, Equatable {
    public var connection: ConnectionStatus
    /// The snapshot after this refresh; nil when Redis was not reached (the UI keeps its last data).
    public var data: DashboardData?
    /// Whether Redis is telling the poller which keys changed (CLIENT TRACKING), so unchanged data is not re-read.
    public var changeTracking: Bool

    /// Whether the refresh reached Redis.
    public var reachedServer: Bool { data != nil }
}

/// glibc's `malloc_trim` (in `<malloc.h>`, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func malloc_trim(_ pad: Int) -> Int32
