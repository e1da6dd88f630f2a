import FlagtopCore
import FlagtopUI
import Foundation
import RedisClient

/// The poller thread's state: its connections, the incremental scans, the error-count window and the cache
/// of what Redis has not said changed. Public so the benchmarks time the real refresh.
public struct PollerState {
    let settings: FlagtopSettings
    let connection: RedisConnection
    let background: RedisConnection
    var info: ServerInfo?
    var indexHasTimestamp = false
    var indexExists = false
    /// The error index as FT.INFO describes it (prefixes, filter, `ts`), and why it cannot be used, if so.
    var indexStatus: ErrorDatabase.IndexStatus?
    var indexProblem: String?
    /// Exception heads of the listed errors by id (list rows carry no bodies; a document's head is read once).
    var errorHeads: [String: (text: String?, bytes: Int)] = [:]
    /// The document the open detail view shows, read with its body (bounded).
    var errorDetail: (key: String, record: ErrorRecord?, at: Double)?
    /// Set when the errors changed, so the fingerprint counts are recounted soon instead of within 30 s.
    var fingerprintsStale = false
    var fingerprintsGeneration = -1
    var lastIndexCheck: Date = .distantPast
    var connectGeneration = 0
    var discovery: ToggleDiscovery
    var sessions: SessionScanner
    var stats: ErrorStatsTracker
    var knownToggles: Set<String> = []
    /// Pipelined round trips the last refresh made on the poller connection (tests check it is one batch).
    public internal(set) var pipelineCallsForTesting = 0
    var logLists: [(name: String, severity: String)] = []
    var lastLogScan: Date = .distantPast
    var lastDiscovery: Date = .distantPast
    var lastFingerprints: Date = .distantPast
    var fingerprints: [FingerprintCount] = []
    var basicErrors: (query: ErrorQuery, result: ErrorSearchResult?, problem: String?)?
    /// Names the keys that changed since they were read, so a refresh re-reads only those.
    let feed: InvalidationFeed
    var cache = PollCache()
    /// Commands in the last refresh's pipeline (tests check that an unchanged refresh stays small).
    public internal(set) var pipelineCommandsForTesting = 0
    /// Whether the session scan has been through the keyspace once.
    public var sessionPassComplete: Bool { sessions.passComplete }
    /// Known toggles not read since they became known or Redis said they changed.
    var unreadToggles: Set<String> = []
    /// Session keys Redis reported as changed (created, updated or deleted): an EXISTS tells which.
    var sessionKeysToCheck: Set<[UInt8]> = []
    var refreshCount = 0
    var statsAbsorbed = 0
    var errorCounts: (key: [Int], counts: [String: ToggleErrorStats]) = ([], [:])
    /// Once the first pass is done and Redis reports new session keys, a SCAN step runs only every this many refreshes.
    var scanEveryWhenBroadcasting = 10
    /// The last error search, kept until the query, the error-time ZSET or `errorSearchMaxAge` says otherwise.
    var lastErrors: (query: ErrorQuery, result: ErrorSearchResult?, problem: String?, at: Double)?
    var lastRefreshGeneration = -1
    /// Errors written without flagtop's time ZSET (the seeds' own writer) are picked up at least this often.
    var errorSearchMaxAge = 5.0
    let changeTracking: Bool

    /// `changeTracking` false re-reads everything every refresh (what happens when Redis cannot track).
    public init(settings: FlagtopSettings, changeTracking: Bool = true) {
        self.settings = settings
        self.changeTracking = changeTracking
        connection = RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-poller"))
        background = RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-scan"))
        discovery = ToggleDiscovery(settings: settings)
        sessions = SessionScanner(settings: settings)
        stats = ErrorStatsTracker(timeKey: ErrorDatabase(settings: settings, backend: .basic).timeKey)
        feed = InvalidationFeed(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-tracking"))
    }

    /// One refresh: background work if due, then one pipelined round trip on the poller connection.
    public mutating func refresh(control: PollControl, visibleSessions: Int, maxLogLists: Int) -> PollResult {
        pipelineCallsForTesting = 0
        do {
            try connectIfNeeded()
            backgroundWork(control: control)
            return try poll(control: control, visibleSessions: visibleSessions, maxLogLists: maxLogLists)
        } catch {
            let reason: String
            var retry = connection.retryIn ?? 0
            if case let .disconnected(r, last) = error { reason = last; retry = r } else { reason = error.description }
            if retry == 0 { retry = connection.options.backoff.initial }
            var result = PollResult(reachedServer: false, connection: .disconnected(reason: reason, retryIn: retry))
            result.info = info
            return result
        }
    }

    /// Probes the server on the first connect and after every reconnect (the server may have been replaced).
    private mutating func connectIfNeeded() throws(RedisError) {
        if !connection.isConnected, let wait = connection.retryIn {
            throw .disconnected(retryIn: wait, lastError: connection.lastError?.description ?? "not connected")
        }
        // Connecting (with its AUTH/SELECT handshake) happens only after a failure; in steady state the
        // refresh batch below is the connection's only round trip.
        if !connection.isConnected { try connection.connect() }
        if info == nil || connection.connectCount != connectGeneration {
            connectGeneration = connection.connectCount
            let probed = try ServerInfo.probe(connection)
            info = probed
            indexExists = false  // a reconnect may mean a new or flushed server
            lastIndexCheck = .distantPast
        }
        // Tracking is (re)started after every reconnect; until it runs, every refresh reads everything.
        if changeTracking, feed.track(connection, broadcasting: broadcastPrefixes, on: background) { dropCache() }
        // The index may be created later (the first report creates it), so look again every few seconds until it exists.
        if let search = info?.search, !indexExists, Date().timeIntervalSince(lastIndexCheck) > 5 {
            lastIndexCheck = Date()
            do {
                let status = try ErrorDatabase(settings: settings, backend: search).ensureIndex(on: connection, create: false)
                (indexStatus, indexProblem) = (status, nil)
            } catch {
                // Only a reason that is not the connection's (a database the search module cannot index).
                if case .invalidArgument = error { indexProblem = error.description }
                indexStatus = nil
            }
            indexExists = indexStatus?.exists ?? false
            indexHasTimestamp = indexStatus?.hasTimestamp ?? false
        }
    }

    /// Discovery and log-name scans on the background connection; failures here never fail the refresh.
    private mutating func backgroundWork(control: PollControl) {
        let now = Date()
        if discovery.passes == 0 || now.timeIntervalSince(lastDiscovery) > 30 {
            // A few SCAN steps per refresh keep each Redis call short while a first pass completes quickly.
            for _ in 0..<4 {
                if let found = try? discovery.step(on: background) { learn(found) }
                if discovery.cursor == "0" { lastDiscovery = now; break }
            }
        }
        if now.timeIntervalSince(lastLogScan) > 10, let names = try? RecentLogs().names(on: background, maxSteps: 50) {
            lastLogScan = now
            logLists = names.keys.sorted().flatMap { name in names[name]!.map { (name, $0) } }
        }
        // Recounted at least every 30 s, on `r` and `f` (a forced refresh), and within 2 s of new errors.
        let forced = control.refreshGeneration != fingerprintsGeneration
        let sinceCount = now.timeIntervalSince(lastFingerprints)
        if sinceCount > 30 || forced || (fingerprintsStale && sinceCount > 2), let search = info?.search {
            lastFingerprints = now
            fingerprintsGeneration = control.refreshGeneration
            fingerprintsStale = false
            fingerprints = (try? ErrorDatabase(settings: settings, backend: search).fingerprints(on: background, maxDocuments: 10_000)) ?? fingerprints
        }
        if case .basic = info?.search {
            let database = ErrorDatabase(settings: settings, backend: .basic)
            do {
                let result = try database.search(control.errorQuery, on: background, rows: .list, heads: false)
                if result != basicErrors?.result { fingerprintsStale = true }
                basicErrors = (control.errorQuery, result, nil)
            } catch {
                basicErrors = (control.errorQuery, nil, error.description)
            }
        }
        if let key = control.errorDetailKey, let search = info?.search {
            // Read when opened and on a forced refresh (`r`), never on idle refreshes: the body may be megabytes.
            if errorDetail?.key != key || forced {
                let record = try? ErrorDatabase(settings: settings, backend: search).document(key: key, on: background)
                errorDetail = (key, record ?? nil, now.timeIntervalSince1970)
            }
        } else {
            errorDetail = nil
        }
    }

    private mutating func poll(control: PollControl, visibleSessions: Int, maxLogLists: Int) throws(RedisError) -> PollResult {
        let now = Date().timeIntervalSince1970
        let store = ToggleStore(settings: settings)
        let sessionStore = SessionStore(settings: settings)
        let forced = control.refreshGeneration != lastRefreshGeneration
        lastRefreshGeneration = control.refreshGeneration
        refreshCount += 1
        let changes = feed.drain()
        if let forgotten = cache.apply(changes, errorTimeKey: Array(stats.timeKey.utf8)) {
            unreadToggles.formUnion(forgotten)
        } else {
            unreadToggles = knownToggles
        }
        if case let .keys(keys) = changes, feed.isBroadcasting {
            let prefix = Array(settings.sessionPrefix.utf8)
            for key in keys where key.starts(with: prefix) { sessionKeysToCheck.insert(key) }
        }

        var batch = PipelineBatch()
        let readRegistry = cache.registry == nil
        let dirtyToggles = unreadToggles.sorted()
        let togglesH = readRegistry || !dirtyToggles.isEmpty
            ? batch.add(store.fetchAll(knownNames: dirtyToggles, includeRegistry: readRegistry)) : nil
        let scanDue = !sessions.passComplete || !feed.isBroadcasting || refreshCount % scanEveryWhenBroadcasting == 0
        let scanH = scanDue ? batch.add(Fetch(commands: [sessions.scanCommand]) { (r) throws(FlagtopError) -> RedisReply in r.first! }) : nil
        let checked = Array(sessionKeysToCheck.prefix(1_000))
        let existsH = checked.isEmpty ? nil : batch.add(Fetch(commands: checked.map { RedisCommand("EXISTS", $0) }) { (r) throws(FlagtopError) -> [Bool] in r.map { $0.int == 1 } })
        let visibleKeys = sessions.smallestKeys(visibleSessions)
        let dirtySessions = visibleKeys.filter { cache.needsRead(session: $0) }
        let sessionsH = dirtySessions.isEmpty ? nil : batch.add(sessionStore.fetch(keys: dirtySessions))
        let statsH = cache.errorsChanged || !feed.isTracking
            ? batch.add(Fetch(commands: [stats.command(now: now)]) { (r) throws(FlagtopError) -> RedisReply in r.first! }) : nil
        var errorsH: PipelineBatch.Handle<ErrorSearchResult>?
        if let search = info?.search, search != .basic, indexExists {
            let stale = lastErrors.map { $0.query != control.errorQuery || now - $0.at >= errorSearchMaxAge } ?? true
            if stale || forced || cache.errorsChanged || !feed.isTracking {
                // List rows: the small fields only, so an idle refresh does not grow with the exceptions' size.
                let status = indexStatus ?? ErrorDatabase.IndexStatus(exists: true, created: false, fields: [], hasTimestamp: indexHasTimestamp)
                errorsH = batch.add(ErrorDatabase(settings: settings, backend: search).searchFetch(control.errorQuery, status: status, rows: .list))
            }
        }
        let lists = Array(logLists.prefix(maxLogLists))
        let listKeys = lists.map { RecentLogs.key(name: $0.name, severity: $0.severity) }
        let dirtyLists = lists.indices.filter { cache.needsRead(log: listKeys[$0]) }
        let logsH = dirtyLists.isEmpty ? nil : batch.add(Fetch(commands: dirtyLists.map { RedisCommand("LRANGE", listKeys[$0], 0, 49) }) { (replies) throws(FlagtopError) -> [[LogEntry]] in
            var parser = AscTimeParser()
            return zip(dirtyLists, replies).map { i, reply in
                (reply.array ?? []).compactMap(\.bytes).map { RecentLogs.entry(name: lists[i].name, severity: lists[i].severity, raw: $0, using: &parser) }
            }
        })
        // Nothing to read: a PING still proves the server is there (and measures the round trip).
        if batch.commands.isEmpty { _ = batch.add(Fetch(commands: [RedisCommand("PING")]) { _ in () }) }
        let started = ContinuousClock.now
        let results = try batch.run(on: connection)
        pipelineCallsForTesting += 1
        pipelineCommandsForTesting = batch.commands.count
        let elapsed = ContinuousClock.now - started

        var result = PollResult(reachedServer: true, connection: .connected)
        result.info = info
        result.fetchedAt = now
        result.changeTracking = feed.isTracking
        result.roundTripMillis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        if let togglesH, let listing = try? results.value(togglesH) {
            if readRegistry {
                cache.registry = listing.registered
                cache.registryProblem = listing.problems.first { $0.hasPrefix("registry key") }
                learn(listing.registered)
            }
            cache.store(listing, asked: dirtyToggles, keyFor: store.key(for:))
            unreadToggles.subtract(dirtyToggles)
        }
        (result.toggles, result.toggleProblems) = cache.toggleListing()
        if let scanH, let scan = try? results.value(scanH) { try? sessions.absorb(scan) }
        if let existsH, let present = try? results.value(existsH) {
            sessions.note(exists: zip(checked, present).filter(\.1).map(\.0), gone: zip(checked, present).filter { !$0.1 }.map(\.0))
            sessionKeysToCheck.subtract(checked)
        }
        if let sessionsH, let listing = try? results.value(sessionsH) {
            for session in listing.sessions { cache.store(session, readAt: now) }
            let present = Set(listing.sessions.map(\.key))
            sessions.forget(dirtySessions.filter { !present.contains($0) })
        }
        result.sessions = cache.visibleSessions(visibleKeys, now: now)
        result.errorQueryText = control.errorQuery.text
        result.sessionCount = sessions.keys.count
        result.fingerprints = fingerprints
        if let statsH, let reply = try? results.value(statsH) {
            if reply.array?.isEmpty == false { fingerprintsStale = true }
            stats.absorb(reply, now: now)
            cache.errorsChanged = false
        }
        // Per-toggle counts change only with new errors, a new toggle list or the next minute's bucket.
        if statsH != nil { statsAbsorbed += 1 }
        let countsKey = [statsAbsorbed, cache.toggleListGeneration, Int(now) / stats.bucketSeconds]
        if countsKey != errorCounts.key {
            var counts: [String: ToggleErrorStats] = [:]
            counts.reserveCapacity(result.toggles.count)
            for toggle in result.toggles {
                let s = stats.stats(for: toggle.name, now: now)
                counts[toggle.name] = ToggleErrorStats(count: s.count, buckets: s.series)
            }
            errorCounts = (countsKey, counts)
        }
        result.errorCounts = errorCounts.counts
        if let errorsH {
            do {
                let fresh = try results.value(errorsH)
                if fresh != lastErrors?.result { fingerprintsStale = true }
                lastErrors = (control.errorQuery, fresh, nil, now)
            } catch {
                lastErrors = (control.errorQuery, nil, error.description, now)
                // Dropped under us (FLUSHALL, FT.DROP): look for it again instead of failing every refresh.
                if error.description.lowercased().contains("unknown index") { indexExists = false }
            }
        }
        if let search = info?.search, search != .basic {
            if indexExists, let last = lastErrors {
                result.errors = last.result
                result.errorQueryProblem = last.problem
            } else {
                lastErrors = nil
                result.errorQueryProblem = indexProblem ?? "no error index '\(settings.indexName)' yet (the first reported error creates it)"
            }
        } else if let basic = basicErrors {
            result.errors = basic.result
            result.errorQueryProblem = basic.problem
        }
        if let errors = result.errors, let search = info?.search { result.errors = withHeads(errors, backend: search) }
        if let detail = errorDetail, detail.key == control.errorDetailKey { result.errorDetail = detail.record }
        if let logsH, let perList = try? results.value(logsH) {
            for (i, entries) in zip(dirtyLists, perList) { cache.store(log: listKeys[i], entries: entries) }
        }
        result.logs = cache.mergedLogs(listKeys)
        result.logNames = Array(Set(lists.map(\.name))).sorted()
        return result
    }

    /// The listed errors with the start of each exception body: heads are read once per id on the background
    /// connection (bounded, `ErrorDatabase.headBytes`), and forgotten when the id leaves the list.
    private mutating func withHeads(_ errors: ErrorSearchResult, backend: SearchBackendKind) -> ErrorSearchResult {
        let ids = errors.hits.map(\.id)
        let missing = ids.filter { errorHeads[$0] == nil }
        if !missing.isEmpty, let read = try? ErrorDatabase(settings: settings, backend: backend).exceptionHeads(keys: missing, on: background) {
            for id in missing { errorHeads[id] = read[id] ?? (nil, 0) }
        }
        if errorHeads.count > ids.count * 2 + 100 {
            let keep = Set(ids)
            errorHeads = errorHeads.filter { keep.contains($0.key) }
        }
        var out = errors
        for i in out.hits.indices {
            guard out.hits[i].exceptionBody == nil, let head = errorHeads[out.hits[i].id] else { continue }
            out.hits[i].exceptionHead = head.text
            out.hits[i].exceptionBodyBytes = head.bytes
        }
        return out
    }

    /// Session keys are reported by prefix, so only a pattern that is a plain prefix plus `*` can use it.
    private var broadcastPrefixes: [String] {
        let prefix = settings.sessionPrefix
        return !prefix.isEmpty && settings.sessionPattern == prefix + "*" && !prefix.contains("\\") ? [prefix] : []
    }

    /// Names become known from the registry or discovery; new ones are read in the next refresh.
    private mutating func learn(_ names: [String]) {
        for name in names where knownToggles.insert(name).inserted { unreadToggles.insert(name) }
    }

    /// Everything read so far is untracked (tracking restarted): read it all again.
    private mutating func dropCache() {
        cache.clear()
        unreadToggles = knownToggles
    }
}
