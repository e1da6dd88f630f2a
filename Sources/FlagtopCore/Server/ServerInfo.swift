import RedisClient

/// Which error-database backend a server supports (docs/data-layout.md, "Error database").
public enum SearchBackendKind: Sendable, Equatable {
    /// RediSearch 1.x (module `ft`, Debian's package): FT.ADD documents.
    case rediSearch1(version: Int)
    /// RediSearch 2.x+ / Redis 8 / valkey-search (module `search`): HSET on a prefixed index.
    case rediSearch2(version: Int?)
    /// No search module: HASHes plus a ZSET by time, searched by a bounded scan.
    case basic

    /// For headers and `ping`: "RediSearch 1.2.0", "search 2.8.4", "basic".
    public var displayName: String {
        switch self {
        case let .rediSearch1(v): return "RediSearch \(Self.dotted(v))"
        case let .rediSearch2(v): return v.map { "search \(Self.dotted($0))" } ?? "search"
        case .basic: return "basic"
        }
    }

    static func dotted(_ v: Int) -> String { "\(v / 10000).\((v / 100) % 100).\(v % 100)" }
}

/// What flagtop learns about a server when it connects: version and search backend.
public struct ServerInfo: Sendable, Equatable {
    public var version: String?
    public var search: SearchBackendKind
    /// Module names and versions as MODULE LIST reported them (empty when the user may not run it).
    public var modules: [String: Int]

    public init(version: String?, search: SearchBackendKind, modules: [String: Int] = [:]) {
        self.version = version
        self.search = search
        self.modules = modules
    }

    /// Probes the server in one round trip: HELLO (version, works for read-only ACL users), MODULE LIST, and
    /// COMMAND INFO FT.SEARCH FT._LIST for users who may not run MODULE LIST.
    public static func probe(_ connection: any RedisClientProtocol) throws(RedisError) -> ServerInfo {
        let replies = try connection.pipeline([
            RedisCommand("HELLO", "2"),
            RedisCommand("MODULE", "LIST"),
            RedisCommand("COMMAND", "INFO", "FT.SEARCH", "FT._LIST", "FT.ADD"),
        ])
        var version = helloVersion(replies[0])
        if version == nil {
            // Before Redis 6 there is no HELLO; INFO needs +info on 7.0 ACLs, so it is only a fallback.
            if let info = try? connection.send("INFO", "server").string {
                version = info.split(whereSeparator: { $0.isNewline })
                    .first(where: { $0.hasPrefix("redis_version:") })
                    .map { String($0.dropFirst("redis_version:".count)) }
            }
        }
        let modules = moduleList(replies[1])
        let search: SearchBackendKind
        if let ft = modules["ft"] {
            search = ft >= 20000 ? .rediSearch2(version: ft) : .rediSearch1(version: ft)
        } else if let s = modules["search"] ?? modules["searchlight"] {
            search = .rediSearch2(version: s)
        } else if case let .array(infos) = replies[2], infos.count == 3, !replies[1].isArrayReply {
            // MODULE LIST was denied: FT.SEARCH present with FT._LIST → 2.x+, without → 1.x.
            if infos[0].isNull { search = .basic }
            else if !infos[1].isNull { search = .rediSearch2(version: nil) }
            else { search = .rediSearch1(version: 10000) }
        } else {
            search = .basic
        }
        return ServerInfo(version: version, search: search, modules: modules)
    }

    static func helloVersion(_ reply: RedisReply) -> String? {
        guard case let .array(items) = reply else { return nil }
        var i = 0
        while i + 1 < items.count {
            if items[i].string == "version" { return items[i + 1].string }
            i += 2
        }
        return nil
    }

    static func moduleList(_ reply: RedisReply) -> [String: Int] {
        guard case let .array(modules) = reply else { return [:] }
        var out: [String: Int] = [:]
        for module in modules {
            guard case let .array(kv) = module else { continue }
            var name: String?
            var ver: Int?
            var i = 0
            while i + 1 < kv.count {
                switch kv[i].string {
                case "name": name = kv[i + 1].string
                case "ver": ver = kv[i + 1].int.map(Int.init)
                default: break
                }
                i += 2
            }
            if let name { out[name] = ver ?? 0 }
        }
        return out
    }
}

extension RedisReply {
    var isArrayReply: Bool { if case .array = self { return true } else { return false } }
}
