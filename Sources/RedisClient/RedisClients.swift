/// Builds the right client for an endpoint: a single connection, or a cluster client when the server says
/// `cluster_enabled:1`.
public enum RedisClients {
    /// Connects (throwing the usual one-line errors) and asks the server what it is.
    public static func connect(_ endpoint: RedisEndpoint, options: RedisConnectionOptions = RedisConnectionOptions(),
                               otherSeeds: [RedisEndpoint.Address] = []) throws(RedisError) -> any RedisClientProtocol {
        let first = RedisConnection(endpoint: endpoint, options: options)
        try first.connect()
        // A user whose ACL refuses INFO is treated as talking to one server: its commands still work there, and a
        // cluster node would answer them with MOVED, which is named for what it is.
        let info = try first.perform(RedisCommand("INFO", "cluster")).string ?? ""
        guard info.contains("cluster_enabled:1") else { return first }
        return try RedisClusterClient(seed: endpoint, otherSeeds: otherSeeds, options: options, seedConnection: first)
    }
}

/// What a client is connected to, for headers and `flagtop ping`: "standalone", "cluster, 3 masters",
/// "sentinel master mymaster at 10.0.0.5:6379".
public func deploymentDescription(of client: any RedisClientProtocol) -> String {
    if let cluster = client as? RedisClusterClient { return "cluster, \(cluster.topology.masters.count) masters" }
    if let connection = client as? RedisConnection, let sentinel = connection.endpoint.sentinel {
        var at = ""
        if case let .tcp(host, port)? = connection.connectedAddress { at = " at " + (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }
        return "sentinel master \(sentinel.masterName)\(at)"
    }
    return "standalone"
}
