import RedisClient

/// Reads session contexts: `session:*` HASHes with their TTL (docs/data-layout.md, "Sessions"). Keys are found with an incremental
/// `SCAN … MATCH … COUNT 1000` (`SessionScanner`); contents are read with pipelined HGETALL + TTL.
public struct SessionStore: Sendable {
    public let settings: FlagtopSettings

    public init(settings: FlagtopSettings) { self.settings = settings }

    /// The key of a session id (`session:` + id for the default pattern).
    /// Exact bytes: an id read from a key with invalid UTF-8 (raw-byte markers, see `RedisBytes`) names that key.
    public func key(for id: String) -> [UInt8] { RedisBytes.encode(settings.sessionPrefix + id) }

    func id(forKey key: [UInt8]) -> String {
        let text = RedisBytes.decode(key)
        let prefix = settings.sessionPrefix
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

    /// HGETALL and TTL for each key, in one round trip. Keys that vanished are left out; keys of another
    /// type are reported in `problems`.
    public func fetch(keys: [[UInt8]]) -> Fetch<SessionListing> {
        var commands: [RedisCommand] = []
        commands.reserveCapacity(keys.count * 2)
        for key in keys {
            commands.append(RedisCommand("HGETALL", key))
            commands.append(RedisCommand("TTL", key))
        }
        return Fetch(commands: commands) { (replies) throws(FlagtopError) -> SessionListing in
            var listing = SessionListing()
            let base = replies.startIndex
            for (i, key) in keys.enumerated() {
                let data = replies[base + 2 * i]
                let ttlReply = replies[base + 2 * i + 1]
                let id = id(forKey: key)
                do throws(FlagtopError) {
                    let fields = try data.hashPairs(key: RedisBytes.decode(key))
                    guard !fields.isEmpty else { continue }
                    let ttl = ttlReply.int.flatMap { $0 >= 0 ? Int($0) : nil }
                    listing.sessions.append(SessionContext(key: key, id: id, fields: fields, ttl: ttl))
                } catch {
                    guard error.isWrongType else { throw error }
                    listing.problems.append("'\(RedisBytes.decode(key))' is not a hash; skipped")
                }
            }
            return listing
        }
    }

    /// One session by id; nil when missing; `.wrongType` when the key is not a hash.
    public func get(_ id: String, on connection: any RedisClientProtocol) throws(FlagtopError) -> SessionContext? {
        let key = key(for: id)
        let replies: [RedisReply]
        do { replies = try connection.pipeline([RedisCommand("TYPE", key), RedisCommand("HGETALL", key), RedisCommand("TTL", key)]) }
        catch { throw .redis(error) }
        // An error reply (ACL, cluster redirect, …) is never "no such session": a decision made without the
        // session would silently route a targeted user to the old code.
        if let error = replies[0].serverError { throw .redis(error) }
        guard let type = replies[0].string else { throw .redis(.protocolError("unexpected TYPE reply")) }
        if type == "none" { return nil }
        guard type == "hash" else { throw .wrongType(key: RedisBytes.decode(key), type: type, expected: "session hash") }
        for reply in replies.dropFirst() { if let error = reply.serverError { throw .redis(error) } }
        let fields = try replies[1].hashPairs(key: id)
        return SessionContext(key: key, id: id, fields: fields, ttl: replies[2].int.flatMap { $0 >= 0 ? Int($0) : nil })
    }

    /// The largest `limit` `list` takes: sessions are read in one pipeline, so a bigger page is a mistake.
    public static let maxListLimit = 100_000

    /// Up to `limit` sessions (1 to `maxListLimit`, else `.invalidArgument`), the smallest keys first, scanning
    /// the keyspace in COUNT-1000 steps (for the CLI).
    public func list(limit: Int, on connection: any RedisClientProtocol) throws(FlagtopError) -> SessionListing {
        guard (1...Self.maxListLimit).contains(limit) else {
            throw .invalidArgument("session limit must be from 1 to \(Self.maxListLimit), got \(limit)")
        }
        var scanner = SessionScanner(settings: settings)
        repeat {
            try scanner.step(on: connection)
        } while !scanner.passComplete && scanner.keys.count < limit
        let keys = SmallestKeys.select(scanner.keys, count: limit)
        return try fetch(keys: keys).run(on: connection)
    }
}

/// Sessions read, and notes on what was skipped.
public struct SessionListing: Sendable, Equatable {
    public var sessions: [SessionContext] = []
    public var problems: [String] = []
    public init() {}
}

/// Incremental discovery of session keys: one `SCAN cursor MATCH pattern COUNT 1000` per step, with the keys
/// cached between refreshes. Keys seen in the previous full pass but not in the current one are dropped when a
/// pass completes, so expired sessions leave the cache.
public struct SessionScanner: Sendable {
    public let settings: FlagtopSettings
    public var count: Int
    public private(set) var cursor = "0"
    /// Keys known now (the last complete pass plus what the current pass found).
    public private(set) var keys: Set<[UInt8]> = []
    private var currentPass: Set<[UInt8]> = []
    public private(set) var passComplete = false
    public private(set) var passes = 0
    /// Grows whenever `keys` changes, so a caller can keep work derived from it until it does.
    public private(set) var version = 0
    /// The smallest keys, kept up to date as keys arrive so that picking the visible ones does not walk
    /// every known key each refresh; nil until asked for, or after one of them went away.
    private var smallest: (count: Int, keys: [[UInt8]])?

    public init(settings: FlagtopSettings, count: Int = 1000) {
        self.settings = settings
        self.count = count
    }

    public var scanCommand: RedisCommand { RedisCommand("SCAN", cursor, "MATCH", settings.sessionPattern, "COUNT", count) }

    public mutating func step(on connection: any RedisClientProtocol) throws(FlagtopError) {
        let reply: RedisReply
        do { reply = try connection.send(scanCommand) } catch { throw .redis(error) }
        try absorb(reply)
    }

    /// Takes a SCAN reply (from a pipeline that included `scanCommand`).
    public mutating func absorb(_ reply: RedisReply) throws(FlagtopError) {
        if let error = reply.serverError { throw .redis(error) }
        guard case let .array(parts) = reply, parts.count == 2, let next = parts[0].string, case let .array(found) = parts[1] else {
            throw .redis(.protocolError("unexpected SCAN reply"))
        }
        for key in found.compactMap(\.bytes) {
            if keys.insert(key).inserted {
                version += 1
                noteInserted(key)
            }
            currentPass.insert(key)
        }
        cursor = next
        if next == "0" {
            if keys.count != currentPass.count {  // currentPass ⊆ keys, so equal counts = equal sets
                version += 1
                smallest = nil
            }
            keys = currentPass
            currentPass = []
            passComplete = true
            passes += 1
        }
    }

    /// Forgets keys that turned out to be gone (HGETALL returned nothing).
    public mutating func forget(_ gone: [[UInt8]]) {
        for key in gone {
            if keys.remove(key) != nil {
                version += 1
                if let kept = smallest?.keys, kept.contains(key) { smallest = nil }
            }
            currentPass.remove(key)
        }
    }

    /// What EXISTS said about keys Redis reported as changed: new ones join (this pass too, since the
    /// cursor may have passed their slot), deleted ones are forgotten.
    public mutating func note(exists present: [[UInt8]], gone: [[UInt8]]) {
        for key in present {
            if keys.insert(key).inserted {
                version += 1
                noteInserted(key)
            }
            currentPass.insert(key)
        }
        forget(gone)
    }

    /// The `count` smallest known keys in byte order (the sessions pane's window).
    public mutating func smallestKeys(_ count: Int) -> [[UInt8]] {
        if let kept = smallest, kept.count == count { return kept.keys }
        let keys = SmallestKeys.select(keys, count: count)
        smallest = (count, keys)
        return keys
    }

    private mutating func noteInserted(_ key: [UInt8]) {
        guard var kept = smallest else { return }
        if kept.keys.count == kept.count, let last = kept.keys.last, !key.lexicographicallyPrecedes(last) { return }
        var low = 0, high = kept.keys.count
        while low < high {
            let mid = (low + high) / 2
            if kept.keys[mid].lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
        }
        smallest = nil  // release the stored copy so the insert below does not copy the array
        kept.keys.insert(key, at: low)
        if kept.keys.count > kept.count { kept.keys.removeLast() }
        smallest = kept
    }
}
