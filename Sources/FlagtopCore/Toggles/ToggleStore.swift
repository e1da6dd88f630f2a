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

    public func get(_ name: String, on connection: RedisConnection) throws(FlagtopError) -> Toggle? {
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
    public func list(on connection: RedisConnection, extraNames: Set<String> = []) throws(FlagtopError) -> ToggleListing {
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

    /// Creates or changes a toggle (audited as `create` or `set`).
    @discardableResult
    public func set(_ name: String, _ change: Change, reason: String = "", on connection: RedisConnection) throws(FlagtopError) -> Toggle {
        if let rollout = change.rollout, !(0...100).contains(rollout) {
            throw .invalidArgument("rollout must be 0-100, got \(rollout)")
        }
        return try write(name, reason: reason, on: connection) { current in
            var updates: [(String, String)] = []
            var removals: [String] = []
            if current == nil && change.enabled == nil { updates.append(("toggle", "False")) }
            if let enabled = change.enabled {
                updates.append(("toggle", ToggleValue.format(enabled)))
                removals += ["killedAt", "killedBy", "killReason"]
            }
            func apply(_ field: String, _ value: String?) {
                guard let value else { return }
                if value.isEmpty { removals.append(field) } else { updates.append((field, value)) }
            }
            apply("releaseNum", change.releaseNum)
            apply("fingerprint", change.fingerprint)
            apply("override", change.override)
            apply("rollout", change.rollout.map(String.init))
            apply("stickiness", change.stickiness)
            apply("description", change.description)
            apply("owner", change.owner)
            return (current == nil ? "create" : "set", updates, removals)
        }
    }

    /// The kill switch: `toggle False` plus who, when and why, audited as `kill`. The toggle must exist.
    @discardableResult
    public func kill(_ name: String, reason: String = "", on connection: RedisConnection) throws(FlagtopError) -> Toggle {
        try write(name, reason: reason, on: connection) { (current) throws(FlagtopError) in
            guard current != nil else { throw .notFound("toggle '\(name)' not found") }
            var updates = [("toggle", "False"), ("killedAt", Self.isoNow()), ("killedBy", settings.actor)]
            if !reason.isEmpty { updates.append(("killReason", reason)) }
            return ("kill", updates, reason.isEmpty ? ["killReason"] : [])
        }
    }

    /// Undoes a kill: `toggle True`, the kill fields removed, audited as `restore`. The toggle must exist.
    @discardableResult
    public func restore(_ name: String, reason: String = "", on connection: RedisConnection) throws(FlagtopError) -> Toggle {
        try write(name, reason: reason, on: connection) { (current) throws(FlagtopError) in
            guard current != nil else { throw .notFound("toggle '\(name)' not found") }
            return ("restore", [("toggle", "True")], ["killedAt", "killedBy", "killReason"])
        }
    }

    /// Deletes a toggle's HASH and registry entry, audited as `delete`.
    public func delete(_ name: String, reason: String = "", on connection: RedisConnection) throws(FlagtopError) {
        guard !settings.readOnly else { throw .readOnly }
        let key = key(for: name)
        let current = try watchAndRead(name, key: key, on: connection)
        guard let current else { try? connection.send("UNWATCH"); throw .notFound("toggle '\(name)' not found") }
        let audit = AuditLog.appendCommand(action: "delete", toggle: name, actor: settings.actor, reason: reason,
                                           before: AuditLog.describe(current.fields), after: "")
        try commit([RedisCommand("DEL", key), RedisCommand("SREM", FlagtopSettings.registryKey, RedisBytes.encode(name)), audit], on: connection)
    }

    /// WATCH the toggle, read it, compute the change, then MULTI/EXEC the HSET/HDEL, the registry SADD and the
    /// audit XADD. Retries when the toggle changed in between, so `before` is exactly what was replaced.
    private func write(
        _ name: String, reason: String, on connection: RedisConnection,
        plan: (Toggle?) throws(FlagtopError) -> (action: String, updates: [(String, String)], removals: [String])
    ) throws(FlagtopError) -> Toggle {
        guard !settings.readOnly else { throw .readOnly }
        guard !name.isEmpty else { throw .invalidArgument("toggle name is empty") }
        let key = key(for: name)
        for _ in 0..<5 {
            let current = try watchAndRead(name, key: key, on: connection)
            let planned: (action: String, updates: [(String, String)], removals: [String])
            do { planned = try plan(current) } catch { try? connection.send("UNWATCH"); throw error }
            var updates = planned.updates
            let now = Self.isoNow()
            updates += [("updatedAt", now), ("updatedBy", settings.actor)]
            let oldFields = current?.fields ?? []
            let removals = planned.removals.filter { field in oldFields[field: field] != nil && !updates.contains { $0.0 == field } }
            let before = AuditLog.describe(oldFields.filter { f in updates.contains { $0.0 == f.name } || removals.contains(f.name) })
            let after = AuditLog.describe(updates.map { Field($0.0, $0.1) })
            var hset = RedisCommand("HSET", key)
            for (f, v) in updates { hset.append(f, v) }
            var commands = [hset]
            if !removals.isEmpty { commands.append(RedisCommand(["HDEL", key] + removals.map { $0 as any RedisArgumentConvertible })) }
            commands.append(RedisCommand("SADD", FlagtopSettings.registryKey, RedisBytes.encode(name)))
            commands.append(AuditLog.appendCommand(action: planned.action, toggle: name, actor: settings.actor, reason: reason, before: before, after: after))
            do throws(FlagtopError) {
                try commit(commands, on: connection)
            } catch {
                if error.isAborted { continue }
                throw error
            }
            var fields = oldFields.filter { f in !removals.contains(f.name) }
            for (f, v) in updates {
                if let i = fields.firstIndex(where: { $0.name == f }) { fields[i].value = v } else { fields.append(Field(f, v)) }
            }
            return Toggle(key: key, name: name, fields: fields)
        }
        throw .redis(.server(code: "EXECABORT", message: "toggle '\(name)' kept changing; nothing was written"))
    }

    /// WATCHes the toggle, the registry and the audit stream, then reads the toggle and checks the types, so
    /// nothing inside the transaction can fail half-way on a wrong type.
    private func watchAndRead(_ name: String, key: [UInt8], on connection: RedisConnection) throws(FlagtopError) -> Toggle? {
        let replies: [RedisReply]
        do {
            replies = try connection.pipeline([
                RedisCommand("WATCH", key, FlagtopSettings.registryKey, FlagtopSettings.auditKey),
                RedisCommand("HGETALL", key),
                RedisCommand("TYPE", FlagtopSettings.registryKey),
                RedisCommand("TYPE", FlagtopSettings.auditKey),
            ])
        } catch { throw .redis(error) }
        if let error = replies[0].serverError { throw .redis(error) }
        func unwatchAndThrow(_ error: FlagtopError) throws(FlagtopError) -> Never {
            _ = try? connection.send("UNWATCH")
            throw error
        }
        let fields: [Field]
        do { fields = try replies[1].hashPairs(key: name) } catch {
            try unwatchAndThrow(error.isWrongType ? .wrongType(key: name, type: "key of another type", expected: "toggle hash") : error)
        }
        if let t = replies[2].string, t != "set", t != "none" {
            try unwatchAndThrow(.wrongType(key: FlagtopSettings.registryKey, type: t, expected: "set"))
        }
        if let t = replies[3].string, t != "stream", t != "none" {
            try unwatchAndThrow(.wrongType(key: FlagtopSettings.auditKey, type: t, expected: "stream"))
        }
        return fields.isEmpty ? nil : Toggle(key: key, name: name, fields: fields)
    }

    private func commit(_ commands: [RedisCommand], on connection: RedisConnection) throws(FlagtopError) {
        let results: [RedisReply]
        do { results = try connection.transaction(commands) } catch { throw .redis(error) }
        // With the types checked under WATCH a runtime error here means Redis itself failed (OOM…): say so.
        for (command, result) in zip(commands, results) {
            if let error = result.serverError {
                throw .redis(.server(code: error.code ?? "ERR", message: "\(command.name) failed inside the transaction: \(error.description)"))
            }
        }
    }

    static func isoNow() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
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

    var isAborted: Bool {
        if case let .redis(e) = self { return e.code == "EXECABORT" && e.description.contains("watched") }
        return false
    }
}
