import Foundation
import RedisClient

/// Reads toggles (registry + HGETALL in one pipeline) and writes them atomically with their audit entry.
public struct ToggleStore: Sendable {
    public let settings: FlagtopSettings

    public init(settings: FlagtopSettings) { self.settings = settings }

    /// The Redis key of a toggle name, exact bytes: a name read from a key with invalid UTF-8 (raw-byte
    /// markers, see `RedisBytes`) names that same key again.
    public func key(for name: String) -> [UInt8] { RedisBytes.encode(settings.togglePrefix + name) }

    func name(forKey key: [UInt8]) -> String {
        let text = RedisBytes.decode(key)
        return text.hasPrefix(settings.togglePrefix) ? String(text.dropFirst(settings.togglePrefix.count)) : text
    }

    // MARK: Reading

    /// One toggle; nil when its key does not exist. A key of another type is `.wrongType`.
    public func fetch(_ name: String) -> Fetch<Toggle?> {
        let key = key(for: name)
        return Fetch(commands: [RedisCommand("HGETALL", key)]) { (replies) throws(FlagtopError) -> Toggle? in
            let fields = try replies.first!.hashPairs(key: name)
            return fields.isEmpty ? nil : Toggle(key: key, name: name, fields: fields)
        }
    }

    public func get(_ name: String, on connection: any RedisClientProtocol) throws(FlagtopError) -> Toggle? {
        try fetch(name).run(on: connection)
    }

    /// The registry's members, plus HGETALL of `names` (the members known from the last refresh) in the same
    /// round trip. The result lists the toggles found and the names still to fetch next time.
    /// With `includeRegistry` false only the HGETALLs are sent (a caller that caches the registry).
    public func fetchAll(knownNames names: [String], includeRegistry: Bool = true) -> Fetch<ToggleListing> {
        var commands = includeRegistry ? [RedisCommand("SMEMBERS", FlagtopSettings.registryKey)] : []
        commands.append(contentsOf: names.map { RedisCommand("HGETALL", key(for: $0)) })
        let prefixKeys = names.map { key(for: $0) }
        return Fetch(commands: commands) { (replies) throws(FlagtopError) -> ToggleListing in
            var listing = ToggleListing()
            if includeRegistry {
                let registry = replies[replies.startIndex]
                if case let .array(members) = registry {
                    listing.registered = members.compactMap { $0.bytes.map { RedisBytes.decode($0) } }.sorted()
                } else if let error = registry.serverError {
                    if error.code == "WRONGTYPE" { listing.problems.append("registry key \(FlagtopSettings.registryKey) is not a set; ignoring it") }
                    else { throw .redis(error) }
                }
            }
            for (i, reply) in replies.dropFirst(includeRegistry ? 1 : 0).enumerated() {
                let name = names[i]
                do throws(FlagtopError) {
                    let fields = try reply.hashPairs(key: name)
                    if fields.isEmpty { listing.missing.append(name); continue }
                    if fields[field: "toggle"] == nil {
                        listing.problems.append("'\(name)' has no toggle field; skipped")
                        listing.skipped[name] = listing.problems.last
                        continue
                    }
                    listing.toggles.append(Toggle(key: prefixKeys[i], name: name, fields: fields))
                } catch {
                    guard error.isWrongType else { throw error }
                    listing.problems.append("'\(name)' is not a hash; skipped")
                    listing.skipped[name] = listing.problems.last
                }
            }
            listing.toggles.sort { $0.name < $1.name }
            return listing
        }
    }

    /// Every registered toggle: SMEMBERS, then one pipeline of HGETALLs.
    public func list(on connection: any RedisClientProtocol, extraNames: Set<String> = []) throws(FlagtopError) -> ToggleListing {
        let first = try fetchAll(knownNames: []).run(on: connection)
        let names = Set(first.registered).union(extraNames).sorted()
        var listing = try fetchAll(knownNames: names).run(on: connection)
        listing.registered = names
        return listing
    }

    // MARK: Writing

    /// What `set` changes: nil leaves a field alone, "" removes it.
    public struct Change: Sendable, Equatable {
        public var enabled: Bool?
        public var releaseNum: String?
        public var fingerprint: String?
        public var override: String?
        public var rollout: Int?
        public var stickiness: String?
        public var description: String?
        public var owner: String?

        public init(enabled: Bool? = nil, releaseNum: String? = nil, fingerprint: String? = nil, override: String? = nil,
                    rollout: Int? = nil, stickiness: String? = nil, description: String? = nil, owner: String? = nil) {
            self.enabled = enabled
            self.releaseNum = releaseNum
            self.fingerprint = fingerprint
            self.override = override
            self.rollout = rollout
            self.stickiness = stickiness
            self.description = description
            self.owner = owner
        }
    }

    /// Creates or changes a toggle (audited as `create` or `set`). Throws unless the write is done.
    @discardableResult
    public func set(_ name: String, _ change: Change, reason: String = "", on connection: any RedisClientProtocol) throws(FlagtopError) -> Toggle {
        try legacy(ToggleWriter(settings: settings).write(name, .set(change, reason: reason), on: connection))
    }

    /// The kill switch: `toggle False` plus who, when and why, audited as `kill`. The toggle must exist.
    /// `ToggleWriter.write` gives the full report (replicas, lost replies, partial writes).
    @discardableResult
    public func kill(_ name: String, reason: String = "", on connection: any RedisClientProtocol) throws(FlagtopError) -> Toggle {
        try legacy(ToggleWriter(settings: settings).write(name, .kill(reason: reason), on: connection))
    }

    /// Undoes a kill: `toggle True`, the kill fields removed, audited as `restore`. The toggle must exist.
    @discardableResult
    public func restore(_ name: String, reason: String = "", on connection: any RedisClientProtocol) throws(FlagtopError) -> Toggle {
        try legacy(ToggleWriter(settings: settings).write(name, .restore(reason: reason), on: connection))
    }

    /// Deletes a toggle's HASH and registry entry, audited as `delete`.
    public func delete(_ name: String, reason: String = "", on connection: any RedisClientProtocol) throws(FlagtopError) {
        _ = try legacy(ToggleWriter(settings: settings).write(name, .delete(reason: reason), on: connection))
    }

    /// The throwing API over a report: the toggle when Redis holds the change, else the report's line.
    private func legacy(_ report: ToggleWriteReport) throws(FlagtopError) -> Toggle {
        if case let .notDone(reason) = report.outcome {
            if reason == FlagtopError.readOnly.description { throw .readOnly }
            if reason.hasPrefix("toggle '") && reason.hasSuffix("' not found") { throw .notFound(reason) }
            throw .redis(.server(code: report.permissionDenied ? "NOPERM" : "ERR", message: reason))
        }
        guard report.isApplied || report.nothingToDo, let state = report.state else {
            if report.isApplied { return Toggle(key: key(for: report.toggle), name: report.toggle, fields: []) }
            throw .redis(.server(code: "ERR", message: report.summary))
        }
        return state
    }

    static func isoNow() -> String { ToggleWriter.isoNow() }
}

/// The toggles a listing found, and what it had to skip.
public struct ToggleListing: Sendable, Equatable {
    public var toggles: [Toggle] = []
    /// Names in the registry SET.
    public var registered: [String] = []
    /// Names whose HASH no longer exists.
    public var missing: [String] = []
    /// Notes on skipped keys (wrong type, no toggle field).
    public var problems: [String] = []
    /// The same notes by toggle name (the registry's own problem has no name).
    public var skipped: [String: String] = [:]

    public init() {}
}

extension FlagtopError {
    var isWrongType: Bool {
        switch self {
        case .wrongType: return true
        case let .redis(e): return e.code == "WRONGTYPE"
        default: return false
        }
    }

}
