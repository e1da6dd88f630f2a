import FlagtopCore
import FlagtopUI
import RedisClient

/// The Toggles pane's reads: the registry and the toggle HASHes (only those not read since Redis said they
/// changed), names found by discovery (SCAN, in the background), and the per-toggle error counts from the
/// error-time ZSET, kept up to date incrementally.
struct TogglesSource: PaneSource {
    let pane = Pane.toggles
    private let store: ToggleStore
    private let settings: FlagtopSettings
    private var discovery: ToggleDiscovery
    private var lastDiscovery = -Double.infinity
    private var discoveryProblem: String?
    private var known: Set<String> = []
    /// Known toggles not read since they became known or Redis said they changed.
    private var unread: Set<String> = []
    private var reads: [String: ToggleRead] = [:]
    private var nameByKey: [[UInt8]: String] = [:]
    /// The registry's members; nil = read it again.
    private var registry: [String]?
    private var registryProblem: String?
    private var stats: ErrorStatsTracker
    /// New errors (or nothing read yet): read the error-time ZSET again.
    private var statsDirty = true
    private var statsAbsorbed = 0
    /// Per-toggle counts, kept until new errors, a new toggle list or the next minute's bucket.
    private var counts: (key: [Int], value: [String: ToggleErrorStats]) = ([], [:])
    private var listGeneration = 0
    private var listDirty = true
    private var planned: (toggles: PipelineBatch.Handle<ToggleListing>?, names: [String], registry: Bool, stats: PipelineBatch.Handle<RedisReply>?)?

    /// What a toggle's key held at the last read.
    private enum ToggleRead {
        case toggle(Toggle)
        case missing
        case skipped(String)
    }

    init(settings: FlagtopSettings) {
        self.settings = settings
        store = ToggleStore(settings: settings)
        discovery = ToggleDiscovery(settings: settings)
        stats = ErrorStatsTracker(timeKey: ErrorDatabase(settings: settings, backend: .basic).timeKey)
    }

    mutating func invalidate(_ keys: Set<[UInt8]>, _ context: RefreshContext) {
        let registryKey = Array(FlagtopSettings.registryKey.utf8)
        let timeKey = Array(stats.timeKey.utf8)
        for key in keys {
            if let name = nameByKey[key], reads.removeValue(forKey: name) != nil {
                unread.insert(name)
                listDirty = true
            }
            if key == registryKey { registry = nil }
            if key == timeKey { statsDirty = true }
        }
    }

    mutating func invalidateAll() {
        reads = [:]
        unread = known
        registry = nil
        listDirty = true
        statsDirty = true
        // Another database may hold other errors (SWAPDB, FLUSHDB): count them from the start.
        stats = ErrorStatsTracker(timeKey: stats.timeKey)
        statsAbsorbed += 1
        // Names known only from discovery may be gone: look again now.
        lastDiscovery = -Double.infinity
    }

    mutating func background(_ context: RefreshContext, on connection: any RedisClientProtocol) {
        guard discovery.passes == 0 || context.now - lastDiscovery > 30 else { return }
        // A few SCAN steps per refresh keep each Redis call short while a first pass completes quickly.
        for _ in 0..<4 {
            do {
                learn(try discovery.step(on: connection))
                discoveryProblem = nil
            } catch {
                discoveryProblem = "discovery: " + error.description
                return
            }
            if discovery.cursor == "0" {
                lastDiscovery = context.now
                return
            }
        }
    }

    mutating func plan(_ batch: inout PipelineBatch, _ context: RefreshContext) {
        if !context.tracking {
            // Nobody reports changes: everything is read again each refresh.
            reads = [:]
            unread = known
            registry = nil
            listDirty = true
        }
        let readRegistry = registry == nil
        let names = unread.sorted()
        let toggles = readRegistry || !names.isEmpty ? batch.add(store.fetchAll(knownNames: names, includeRegistry: readRegistry)) : nil
        let statsHandle = statsDirty || !context.tracking
            ? batch.add(Fetch(commands: [stats.command(now: context.unixNow)], parse: SessionsSource.single))
            : nil
        planned = (toggles, names, readRegistry, statsHandle)
    }

    mutating func apply(_ results: PipelineBatch.Results, to snapshot: inout DashboardData, _ context: RefreshContext) {
        guard let planned else { return }
        self.planned = nil
        var problem: String?
        if let handle = planned.toggles {
            do {
                let listing = try results.value(handle)
                if planned.registry {
                    registry = listing.registered
                    registryProblem = listing.problems.first { $0.hasPrefix("registry key") }
                    learn(listing.registered)
                }
                remember(listing, asked: planned.names)
                unread.subtract(planned.names)
            } catch {
                problem = error.description
            }
        }
        if let handle = planned.stats {
            do {
                stats.absorb(try results.value(handle), now: context.unixNow)
                statsDirty = false
                statsAbsorbed += 1
            } catch {
                problem = problem ?? "error counts: " + error.description
            }
        }
        if listDirty {
            listDirty = false
            listGeneration += 1
            snapshot.toggles = reads.values.compactMap { if case let .toggle(t) = $0 { t } else { nil } }.sorted { $0.name < $1.name }
        }
        snapshot.errorStats = errorCounts(snapshot.toggles, unixNow: context.unixNow)
        report(problem ?? registryProblem ?? discoveryProblem, in: &snapshot)
    }

    /// Per-toggle counts; they change only with new errors, a new toggle list or the next minute's bucket.
    private mutating func errorCounts(_ toggles: [Toggle], unixNow: Double) -> [String: ToggleErrorStats] {
        let key = [statsAbsorbed, listGeneration, Int(unixNow) / stats.bucketSeconds]
        if key != counts.key {
            var value: [String: ToggleErrorStats] = [:]
            value.reserveCapacity(toggles.count)
            for toggle in toggles {
                let s = stats.stats(for: toggle.name, now: unixNow)
                value[toggle.name] = ToggleErrorStats(count: s.count, buckets: s.series)
            }
            counts = (key, value)
        }
        return counts.value
    }

    private mutating func remember(_ listing: ToggleListing, asked names: [String]) {
        let found = Dictionary(listing.toggles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let missing = Set(listing.missing)
        for name in names {
            if let toggle = found[name] { reads[name] = .toggle(toggle) }
            else if missing.contains(name) { reads[name] = .missing }
            else { reads[name] = .skipped(listing.skipped[name] ?? "'\(name)' skipped") }
            nameByKey[store.key(for: name)] = name
        }
        if !names.isEmpty { listDirty = true }
    }

    /// Names become known from the registry or discovery; new ones are read in the next refresh.
    private mutating func learn(_ names: [String]) {
        for name in names where known.insert(name).inserted { unread.insert(name) }
    }
}
