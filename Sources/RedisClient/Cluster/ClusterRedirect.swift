/// A cluster error reply that says where to go or to wait: what the cluster client acts on.
enum ClusterRedirect: Equatable {
    /// MOVED: the slot lives on another master now; update the map and go there.
    case moved(slot: Int, to: RedisEndpoint.Address)
    /// ASK: this one command goes to the importing node, preceded by ASKING; the map stays.
    case ask(slot: Int, to: RedisEndpoint.Address)
    /// TRYAGAIN / CLUSTERDOWN / LOADING / MASTERDOWN: retry after a short wait (and a map refresh).
    case retryLater
    /// READONLY: the node we thought a master is a replica now (a failover); refresh the map and retry.
    case demoted

    init?(_ reply: RedisReply) {
        guard case let .error(message) = reply else { return nil }
        self.init(message: message)
    }

    init?(message: String) {
        let words = message.split(separator: " ")
        guard let code = words.first else { return nil }
        switch code {
        case "MOVED", "ASK":
            guard words.count >= 3, let slot = Int(words[1]), let address = Self.parse(String(words[2])) else { return nil }
            self = code == "MOVED" ? .moved(slot: slot, to: address) : .ask(slot: slot, to: address)
        case "TRYAGAIN", "CLUSTERDOWN", "LOADING", "MASTERDOWN": self = .retryLater
        case "READONLY": self = .demoted
        default: return nil
        }
    }

    /// `host:port`, `[v6]:port` or `v6:port` (the last colon splits).
    private static func parse(_ text: String) -> RedisEndpoint.Address? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return .tcp(host: host.isEmpty ? "127.0.0.1" : host, port: port)
    }
}
