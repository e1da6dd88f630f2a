import FlagtopCore
import Foundation
import RedisClient

/// The dashboard's steady-state refresh batch, rebuilt from public FlagtopCore API exactly as
/// `PollerState.poll` builds it (FlagtopDashboard is not a product): SMEMBERS + HGETALL per known toggle,
/// one SCAN step over sessions, HGETALL+TTL of the visible sessions, the error-count window, one FT.SEARCH
/// page and LRANGE 0 49 per log list, sent as one pipeline, then parsed the way the poller parses it.
struct DashboardRefresh {
    let settings: FlagtopSettings
    let connection: RedisConnection
    var knownToggles: [String]
    var sessions: SessionScanner
    var stats: ErrorStatsTracker
    /// The search backend `ServerInfo.probe` found, as the poller uses it.
    let backend: SearchBackendKind
    var logLists: [(name: String, severity: String)]
    let query = ErrorQuery(text: "", limit: 100)
    var visibleSessions = 200
    var maxLogLists = 250
    /// Pipelined round trips made by the last `refresh()`.
    var roundTrips = 0

    init(togglePrefix: String, toggleCount: Int) {
        settings = BenchEnvironment.settings(togglePrefix: togglePrefix)
        connection = BenchEnvironment.connection(name: "bench-refresh")
        knownToggles = (0..<toggleCount).map { "toggle\($0)" }.sorted()
        sessions = SessionScanner(settings: settings)
        backend = try! ServerInfo.probe(connection).search
        stats = ErrorStatsTracker(timeKey: ErrorDatabase(settings: settings, backend: backend).timeKey)
        let names = (try? RecentLogs().names(on: connection, maxSteps: 50)) ?? [:]
        logLists = names.keys.sorted().flatMap { name in names[name]!.map { (name, $0) } }
        // Fill the session key set the way the poller's first refreshes do.
        while !sessions.passComplete { try! sessions.step(on: connection) }
    }

    /// What one refresh read, in the shape the dashboard's data snapshot needs.
    struct Snapshot {
        var toggles: [Toggle] = []
        var counts: [String: (count: Int, series: [Int])] = [:]
        var sessions: [SessionContext] = []
        var sessionCount = 0
        var errors: ErrorSearchResult?
        var logs: [LogEntry] = []
        var logNames: [String] = []
    }

    /// One refresh, parsed as the poller parses it.
    mutating func refresh() throws -> Snapshot {
        roundTrips = 0
        let now = Date().timeIntervalSince1970
        let store = ToggleStore(settings: settings)
        let sessionStore = SessionStore(settings: settings)
        var batch = PipelineBatch()
        let togglesH = batch.add(store.fetchAll(knownNames: knownToggles))
        let scanH = batch.add(Fetch(commands: [sessions.scanCommand]) { (r) throws(FlagtopError) -> RedisReply in r.first! })
        let visibleKeys = SmallestKeys.select(sessions.keys, count: visibleSessions)
        let sessionsH = batch.add(sessionStore.fetch(keys: visibleKeys))
        let statsH = batch.add(Fetch(commands: [stats.command(now: now)]) { (r) throws(FlagtopError) -> RedisReply in r.first! })
        let errorsH = batch.add(ErrorDatabase(settings: settings, backend: backend).searchFetch(query, sortByTime: true))
        let lists = Array(logLists.prefix(maxLogLists))
        let logsH = batch.add(Fetch(commands: lists.map { RedisCommand("LRANGE", RecentLogs.key(name: $0.name, severity: $0.severity), 0, 49) }) { (replies) throws(FlagtopError) -> [[LogEntry]] in
            zip(lists, replies).map { list, reply in
                (reply.array ?? []).compactMap(\.bytes).map { RecentLogs.entry(name: list.name, severity: list.severity, raw: $0) }
            }
        })
        let results = try batch.run(on: connection)
        roundTrips += 1
        var snapshot = Snapshot()
        snapshot.toggles = try results.value(togglesH).toggles
        if let scan = try? results.value(scanH) { try? sessions.absorb(scan) }
        snapshot.sessions = try results.value(sessionsH).sessions
        snapshot.sessionCount = sessions.keys.count
        if let reply = try? results.value(statsH) { stats.absorb(reply, now: now) }
        for toggle in snapshot.toggles { snapshot.counts[toggle.name] = stats.stats(for: toggle.name, now: now) }
        snapshot.errors = try results.value(errorsH)
        snapshot.logs = RecentLogs.mergeNewestFirst(try results.value(logsH)).reversed()
        snapshot.logNames = Array(Set(lists.map(\.name))).sorted()
        return snapshot
    }
}
