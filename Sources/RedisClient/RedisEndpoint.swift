/// Where a Redis server is and how to log in to it, parsed from a `redis://` or `unix://` URL.
///
/// The password is kept here but never printed: `description` and every error built from an
/// endpoint use `redacted`, which shows the user name and `***` in place of the password.
public struct RedisEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The transport address of the server.
    public enum Address: Sendable, Hashable {
        case tcp(host: String, port: Int)
        case unix(path: String)
    }

    public var address: Address
    public var username: String?
    public var password: String?
    public var database: Int
    /// TLS settings; nil speaks plain RESP (`redis://`, `unix://`).
    public var tls: RedisTLS?
    /// More nodes to start from (`redis://h1:p1,h2:p2`): a cluster client asks them when the first does not answer.
    public var otherSeeds: [Address] = []
    /// Set for `redis+sentinel://`: every connection asks these sentinels for the master's address when it
    /// connects (and again after a failover); `address` is then only the last master found.
    public var sentinel: SentinelService?

    public static let defaultURL = "redis://127.0.0.1:6379/0"

    public init(address: Address, username: String? = nil, password: String? = nil, database: Int = 0, tls: RedisTLS? = nil) {
        self.address = address
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses `redis://[user:password@]host[:port][/db]`, `rediss://…` (TLS, verified against the system's CAs) or
    /// `unix:///path/to.sock[?db=N][&password=…]`.
    /// Defaults: host 127.0.0.1, port 6379, db 0. Errors never echo the password.
    public init(url: String) throws(RedisError) {
        self = try RedisURLParser.parse(url)
    }

    /// The server without the password, for headers, logs and error messages.
    public var redacted: String {
        var auth = ""
        if let sentinel {
            if let username, !username.isEmpty { auth = username + (password == nil ? "@" : ":***@") }
            else if password != nil { auth = ":***@" }
            let db = database == 0 ? "" : "/\(database)"
            return (tls == nil ? "redis+sentinel://" : "rediss+sentinel://") + auth + sentinel.addresses + "/" + sentinel.masterName + db
        }
        if let username, !username.isEmpty { auth = username + (password == nil ? "@" : ":***@") }
        else if password != nil { auth = ":***@" }
        let more = otherSeeds.map { seed -> String in
            if case let .tcp(host, port) = seed { return "," + (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }
            return ""
        }.joined()
        switch address {
        case let .tcp(host, port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return (tls == nil ? "redis://" : "rediss://") + "\(auth)\(shownHost):\(port)\(more)/\(database)"
        case let .unix(path):
            return "unix://\(auth)\(path)" + (database == 0 ? "" : "?db=\(database)")
        }
    }

    public var description: String { redacted }
}
