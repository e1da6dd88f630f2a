import RedisClient

/// Finds toggles nobody registered (e.g. made with redis-cli as in the seeds): an incremental
/// `SCAN … TYPE hash COUNT 1000` over the keyspace, one step per call, never `KEYS`, never a blocking full scan.
/// Each step checks the hashes it found for a `toggle` field and adds the toggles to the registry.
///
/// A key is judged by what it is, never by its name: a HASH with a `toggle` field is a toggle whatever it is
/// called (`tag:beta`, `idx:new-checkout`, a name with invalid UTF-8). RediSearch 1.x keeps its index in keys of
/// its own module types (`ft_index0`, `ft_invidx`, `ft_tagidx`, …), which `SCAN … TYPE hash` never returns and
/// which answer HEXISTS with WRONGTYPE on servers without the TYPE filter, so they are never taken for toggles.
/// Names are registered with their exact bytes (docs/data-layout.md, "Names with odd bytes").
public struct ToggleDiscovery: Sendable {
    public let settings: FlagtopSettings
    public var count: Int
    /// The SCAN cursor; 0 before the first step and after a pass completes.
    public private(set) var cursor: String = "0"
    /// Completed passes over the whole keyspace.
    public private(set) var passes = 0
    /// The ACL refused the registry SADD once: this user may not write, so it is not tried again.
    private var registryDenied = false
    /// Toggles found, even when the registry could not be written (read-only user).
    public private(set) var found: Set<String> = []
    /// Set when the server has no `SCAN … TYPE` (Redis < 6): plain SCAN plus TYPE per key.
    private var useTypeFilter = true

    public init(settings: FlagtopSettings, count: Int = 1000) {
        self.settings = settings
        self.count = count
    }

    /// One SCAN call (and one pipeline of HEXISTS for what it returned). Returns the toggles newly found.
    @discardableResult
    public mutating func step(on connection: any RedisClientProtocol) throws(FlagtopError) -> [String] {
        var scan = RedisCommand("SCAN", cursor)
        if !settings.togglePrefix.isEmpty { scan.append("MATCH", Self.globEscape(settings.togglePrefix) + "*") }
        scan.append("COUNT", count)
        if useTypeFilter { scan.append("TYPE", "hash") }
        let reply: RedisReply
        do { reply = try connection.perform(scan) } catch { throw .redis(error) }
        if let error = reply.serverError {
            if useTypeFilter, error.code == "ERR" { useTypeFilter = false; return [] }
            throw .redis(error)
        }
        guard case let .array(parts) = reply, parts.count == 2, let next = parts[0].string, case let .array(keys) = parts[1] else {
            throw .redis(.protocolError("unexpected SCAN reply"))
        }
        cursor = next
        if next == "0" { passes += 1 }
        let candidates = keys.compactMap(\.bytes)
        guard !candidates.isEmpty else { return [] }
        let checks = candidates.map { RedisCommand("HEXISTS", $0, "toggle") }
        let replies: [RedisReply]
        do { replies = try connection.pipeline(checks) } catch { throw .redis(error) }
        var newNames: [String] = []
        let store = ToggleStore(settings: settings)
        for (key, r) in zip(candidates, replies) where r.int == 1 {
            let name = store.name(forKey: key)
            if found.insert(name).inserted { newNames.append(name) }
        }
        if !newNames.isEmpty && !settings.readOnly && !registryDenied {
            // A user whose ACL forbids SADD still sees what was found in memory; nothing else depends on the write,
            // and after the first refusal it is not tried again (a read-only user never writes).
            let reply = try? connection.perform(RedisCommand(["SADD", FlagtopSettings.registryKey] + newNames.map { RedisBytes.encode($0) as any RedisArgumentConvertible }))
            if reply?.serverError?.isPermissionDenied == true { registryDenied = true }
        }
        return newNames
    }

    /// Runs steps until one full pass is done (for the CLI); at most `maxSteps` SCAN calls.
    public mutating func completePass(on connection: any RedisClientProtocol, maxSteps: Int = 1_000_000) throws(FlagtopError) {
        let start = passes
        var steps = 0
        repeat {
            try step(on: connection)
            steps += 1
        } while passes == start && steps < maxSteps
    }

    static func globEscape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "*?[]\\".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
