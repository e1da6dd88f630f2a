import FlagtopCore
import RedisClient

/// What the poller has read and keeps until Redis says it changed (`InvalidationFeed`): toggles, the
/// registry, the visible sessions and the recent-log lists. With tracking off it is cleared every refresh,
/// which is exactly the old "re-read everything" poller.
struct PollCache {
    /// What a toggle's key held at the last read.
    enum ToggleRead: Equatable {
        case toggle(Toggle)
        case missing
        case skipped(String)
    }

    private(set) var toggles: [String: ToggleRead] = [:]
    private var toggleNameByKey: [[UInt8]: String] = [:]
    /// Sorted by name; nil after any toggle changed.
    private var toggleList: [Toggle]?
    private var skippedNotes: [String] = []
    /// The registry's members; nil = read it again.
    var registry: [String]?
    var registryProblem: String?
    /// Visible sessions with the time (unix seconds) they were read, for counting their TTL down.
    private(set) var sessions: [[UInt8]: (context: SessionContext, readAt: Double)] = [:]
    /// Log list key → entries, newest first.
    private(set) var logs: [String: [LogEntry]] = [:]
    /// Oldest first, merged across the lists in `mergedKeys`; nil after any list changed.
    private var merged: [LogEntry]?
    private var mergedKeys: [String] = []
    /// The error-time ZSET changed (new errors): run the error search again.
    var errorsChanged = true

    mutating func clear() {
        self = PollCache()
    }

    /// Forgets what `changes` names (keys the cache does not hold are ignored) and returns the toggles it
    /// forgot; nil when it forgot everything.
    mutating func apply(_ changes: InvalidationFeed.Changes, errorTimeKey: [UInt8]) -> [String]? {
        guard case let .keys(keys) = changes else { clear(); return nil }
        var forgotten: [String] = []
        for key in keys {
            if let name = toggleNameByKey[key], toggles.removeValue(forKey: name) != nil {
                toggleList = nil
                forgotten.append(name)
            }
            if key == Array(FlagtopSettings.registryKey.utf8) { registry = nil }
            sessions[key] = nil
            let text = String(decoding: key, as: UTF8.self)
            if logs.removeValue(forKey: text) != nil { merged = nil }
            if key == errorTimeKey { errorsChanged = true }
        }
        return forgotten
    }

    // MARK: Toggles

    mutating func store(_ listing: ToggleListing, asked names: [String], keyFor: (String) -> [UInt8]) {
        let found = Dictionary(listing.toggles.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let missing = Set(listing.missing)
        for name in names {
            let read: ToggleRead
            if let toggle = found[name] { read = .toggle(toggle) }
            else if missing.contains(name) { read = .missing }
            else { read = .skipped(listing.skipped[name] ?? "'\(name)' skipped") }
            toggles[name] = read
            toggleNameByKey[keyFor(name)] = name
        }
        if !names.isEmpty { toggleList = nil }
    }

    /// Grows whenever the toggle list is rebuilt, so work derived from it can be kept until then.
    private(set) var toggleListGeneration = 0

    mutating func toggleListing() -> (toggles: [Toggle], problems: [String]) {
        if toggleList == nil {
            toggleListGeneration += 1
            toggleList = toggles.values.compactMap { if case let .toggle(t) = $0 { t } else { nil } }.sorted { $0.name < $1.name }
            skippedNotes = toggles.compactMap { if case let .skipped(why) = $0.value { ($0.key, why) } else { nil } }.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return (toggleList ?? [], (registryProblem.map { [$0] } ?? []) + skippedNotes)
    }

    // MARK: Sessions

    func needsRead(session key: [UInt8]) -> Bool { sessions[key] == nil }

    mutating func store(_ session: SessionContext, readAt: Double) { sessions[session.key] = (session, readAt) }

    /// The visible sessions in `keys` order, TTLs counted down since they were read; drops the others.
    mutating func visibleSessions(_ keys: [[UInt8]], now: Double) -> [SessionContext] {
        if sessions.count > keys.count {
            let keep = Set(keys)
            sessions = sessions.filter { keep.contains($0.key) }
        }
        return keys.compactMap { key in
            guard let entry = sessions[key] else { return nil }
            var session = entry.context
            if let ttl = session.ttl { session.ttl = max(0, ttl - Int(now - entry.readAt)) }
            return session
        }
    }

    // MARK: Logs

    func needsRead(log key: String) -> Bool { logs[key] == nil }

    mutating func store(log key: String, entries: [LogEntry]) {
        logs[key] = entries
        merged = nil
    }

    /// All lists in `keys` merged oldest first; recomputed only after a list or the set of lists changed.
    mutating func mergedLogs(_ keys: [String]) -> [LogEntry] {
        if merged == nil || keys != mergedKeys {
            if logs.count > keys.count {
                let keep = Set(keys)
                logs = logs.filter { keep.contains($0.key) }
            }
            merged = RecentLogs.mergeNewestFirst(keys.map { logs[$0] ?? [] }).reversed()
            mergedKeys = keys
        }
        return merged ?? []
    }
}
