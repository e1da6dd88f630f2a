/// A master found through Redis Sentinel: which sentinels to ask, the master's name, and the sentinels' own
/// credentials (they may differ from the data nodes'; never printed).
public struct SentinelService: Sendable, Hashable {
    public var sentinels: [RedisEndpoint.Address]
    public var masterName: String
    public var username: String?
    public var password: String?

    public init(sentinels: [RedisEndpoint.Address], masterName: String, username: String? = nil, password: String? = nil) {
        self.sentinels = sentinels
        self.masterName = masterName
        self.username = username
        self.password = password
    }

    /// The sentinels as `host:port,…`, for headers and messages.
    public var addresses: String {
        sentinels.map { address -> String in
            switch address {
            case let .tcp(host, port): return (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
            case let .unix(path): return path
            }
        }.joined(separator: ",")
    }
}
