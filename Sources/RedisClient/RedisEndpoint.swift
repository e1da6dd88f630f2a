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
        if let username, !username.isEmpty { auth = username + (password == nil ? "@" : ":***@") }
        else if password != nil { auth = ":***@" }
        switch address {
        case let .tcp(host, port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return (tls == nil ? "redis://" : "rediss://") + "\(auth)\(shownHost):\(port)/\(database)"
        case let .unix(path):
            return "unix://\(auth)\(path)" + (database == 0 ? "" : "?db=\(database)")
        }
    }

    public var description: String { redacted }
}
