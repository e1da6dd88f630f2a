import Foundation

/// Parses Redis URLs by hand so that a malformed URL can be described without repeating the
/// secret it may contain (Foundation's URL would also accept forms Redis clients reject).
enum RedisURLParser {
    static func parse(_ raw: String) throws(RedisError) -> RedisEndpoint {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = text.range(of: "://") else {
            throw .invalidURL("expected redis://host:port/db, rediss://host:port/db or unix:///path.sock, got \(redactedForError(text))")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let rest = String(text[schemeEnd.upperBound...])
        switch scheme {
        case "redis": return try parseTCP(rest, original: text)
        case "unix", "redis+unix": return try parseUnix(rest, original: text)
        case "rediss":
            var endpoint = try parseTCP(rest, original: text)
            endpoint.tls = RedisTLS()
            return endpoint
        case "redis+sentinel": return try parseSentinel(rest, original: text)
        case "rediss+sentinel":
            var endpoint = try parseSentinel(rest, original: text)
            endpoint.tls = RedisTLS()
            return endpoint
        default:
            // The "scheme" of a mangled URL may be user info ("u:pw@host://…"): name it only if it looks like one.
            let shown = scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) ? " '\(scheme)'" : ""
            throw .invalidURL("unknown scheme\(shown) in \(redactedForError(text)); use redis://, rediss://, redis+sentinel:// or unix://")
        }
    }

    /// The text before the first `separator` and the text after it ("" when there is none).
    private static func split(_ text: String, at separator: Character) -> (String, String) {
        guard let index = text.firstIndex(of: separator) else { return (text, "") }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }

    private static func parseTCP(_ rest: String, original: String) throws(RedisError) -> RedisEndpoint {
        var (hostPart, query) = split(rest, at: "?")
        var path = ""
        if let slash = hostPart.firstIndex(of: "/") {
            path = String(hostPart[hostPart.index(after: slash)...])
            hostPart = String(hostPart[..<slash])
        }
        let (username, password, hostList) = try splitUserInfo(hostPart, original: original)
        let hosts = try hostList.split(separator: ",", omittingEmptySubsequences: false).map { (part) throws(RedisError) -> RedisEndpoint.Address in
            let (host, port) = try parseHostPort(String(part), defaultPort: 6379, original: original)
            return .tcp(host: host, port: port)
        }
        var database = 0
        if !path.isEmpty {
            guard let db = Int(path), db >= 0 else {
                throw .invalidURL("database must be a number\(got(path, in: original)) in \(redactedForError(original))")
            }
            database = db
        }
        var endpoint = RedisEndpoint(address: hosts[0], username: username, password: password, database: database)
        endpoint.otherSeeds = Array(hosts.dropFirst())
        try applyQuery(query, to: &endpoint, original: original)
        return endpoint
    }

    /// `host[:port]`, `[v6][:port]`, or empty for the defaults.
    private static func parseHostPort(_ hostPort: String, defaultPort: Int, original: String) throws(RedisError) -> (String, Int) {
        var host = "127.0.0.1"
        var port = defaultPort
        if !hostPort.isEmpty {
            if hostPort.hasPrefix("[") {
                guard let close = hostPort.firstIndex(of: "]") else {
                    throw .invalidURL("unclosed '[' in host of \(redactedForError(original))")
                }
                host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
                let after = hostPort[hostPort.index(after: close)...]
                if after.hasPrefix(":") { port = try parsePort(String(after.dropFirst()), original: original) }
                else if !after.isEmpty { throw .invalidURL("unexpected text after host in \(redactedForError(original))") }
            } else if let colon = hostPort.lastIndex(of: ":") {
                let h = String(hostPort[..<colon])
                // "::1:6379" is ambiguous; RFC 3986 wants IPv6 literals in brackets.
                if h.contains(":") {
                    throw .invalidURL("put an IPv6 address in brackets, like redis://[::1]:6379, in \(redactedForError(original))")
                }
                if !h.isEmpty { host = h }
                port = try parsePort(String(hostPort[hostPort.index(after: colon)...]), original: original)
            } else {
                host = hostPort
            }
        }
        return (host, port)
    }

    /// `redis+sentinel://[user:password@]s1[:p1][,s2[:p2]…]/<master name>[/db][?sentinel_password=…]`: the
    /// user and password are the data nodes'; the sentinels' own come from `sentinel_user`/`sentinel_password`.
    private static func parseSentinel(_ rest: String, original: String) throws(RedisError) -> RedisEndpoint {
        let (body, query) = split(rest, at: "?")
        guard let slash = body.firstIndex(of: "/") else {
            throw .invalidURL("a sentinel URL names the master after the hosts, like redis+sentinel://host:26379/mymaster, in \(redactedForError(original))")
        }
        let path = body[body.index(after: slash)...].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let (username, password, hostList) = try splitUserInfo(String(body[..<slash]), original: original)
        let sentinels = try hostList.split(separator: ",", omittingEmptySubsequences: false).map { (part) throws(RedisError) -> RedisEndpoint.Address in
            let (host, port) = try parseHostPort(String(part), defaultPort: 26379, original: original)
            return .tcp(host: host, port: port)
        }
        guard let name = path.first.flatMap({ percentDecode($0) }), !name.isEmpty else {
            throw .invalidURL("the master name is missing in \(redactedForError(original))")
        }
        var database = 0
        if path.count > 1 {
            guard path.count == 2, let db = Int(path[1]), db >= 0 else {
                throw .invalidURL("database must be a number\(got(path.dropFirst().joined(separator: "/"), in: original)) in \(redactedForError(original))")
            }
            database = db
        }
        var endpoint = RedisEndpoint(address: sentinels[0], username: username, password: password, database: database)
        endpoint.sentinel = SentinelService(sentinels: sentinels, masterName: name)
        try applyQuery(query, to: &endpoint, original: original)
        return endpoint
    }

    private static func parseUnix(_ rest: String, original: String) throws(RedisError) -> RedisEndpoint {
        var body = rest
        var query = ""
        if let q = body.firstIndex(of: "?") {
            query = String(body[body.index(after: q)...])
            body = String(body[..<q])
        }
        var username: String?
        var password: String?
        if let (info, after) = splitAtLastAt(body), !body.hasPrefix("/") {
            (username, password) = try decodeUserInfo(info, original: original)
            body = after
        }
        guard body.hasPrefix("/"), body.count > 1 else {
            throw .invalidURL("unix socket URL needs an absolute path, like unix:///run/redis.sock, got \(redactedForError(original))")
        }
        var endpoint = RedisEndpoint(address: .unix(path: body), username: username, password: password, database: 0)
        try applyQuery(query, to: &endpoint, original: original)
        return endpoint
    }

    private static func applyQuery(_ query: String, to endpoint: inout RedisEndpoint, original: String) throws(RedisError) {
        guard !query.isEmpty else { return }
        for pair in query.split(separator: "&") {
            // Keep empty pieces: a bare "=" is one empty key, not an empty array (found by fuzzing).
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let key = (parts.first ?? "").lowercased()
            let value = parts.count > 1 ? (percentDecode(parts[1]) ?? parts[1]) : ""
            switch key {
            case "db":
                guard let db = Int(value), db >= 0 else {
                    throw .invalidURL("db must be a number\(got(value, in: original)) in \(redactedForError(original))")
                }
                endpoint.database = db
            case "password": endpoint.password = value
            case "user", "username": endpoint.username = value
            case "sentinel_password" where endpoint.sentinel != nil: endpoint.sentinel?.password = value
            case "sentinel_user" where endpoint.sentinel != nil, "sentinel_username" where endpoint.sentinel != nil:
                endpoint.sentinel?.username = value
            default:
                let known = endpoint.sentinel == nil ? "db, user, password" : "db, user, password, sentinel_user, sentinel_password"
                throw .invalidURL("unknown URL option\(got(key, in: original)) in \(redactedForError(original)); known: \(known)")
            }
        }
    }

    private static func splitUserInfo(_ authority: String, original: String) throws(RedisError) -> (String?, String?, String) {
        guard let (info, hostPort) = splitAtLastAt(authority) else { return (nil, nil, authority) }
        let (user, password) = try decodeUserInfo(info, original: original)
        return (user, password, hostPort)
    }

    private static func decodeUserInfo(_ info: String, original: String) throws(RedisError) -> (String?, String?) {
        if let colon = info.firstIndex(of: ":") {
            let rawUser = String(info[..<colon])
            let rawPassword = String(info[info.index(after: colon)...])
            guard let user = percentDecode(rawUser), let password = percentDecode(rawPassword) else {
                throw .invalidURL("bad %-escape in user info of \(redactedForError(original))")
            }
            return (user.isEmpty ? nil : user, password)
        }
        // redis://secret@host is the legacy "password only" form that redis-py also accepts.
        guard let password = percentDecode(info) else {
            throw .invalidURL("bad %-escape in user info of \(redactedForError(original))")
        }
        return (nil, password)
    }

    private static func parsePort(_ text: String, original: String) throws(RedisError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw .invalidURL("port must be 1-65535\(got(text, in: original)) in \(redactedForError(original))")
        }
        return port
    }

    static func percentDecode(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%") {
                // Exactly two hex digits: UInt8(_:radix:) alone would also take "+f".
                let digits = utf8.prefix(2)
                guard digits.count == 2, digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
                      let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Whether a URL may carry a secret: user info (any "@") or a password option.
    static func mayHoldSecret(_ url: String) -> Bool {
        url.unicodeScalars.contains("@") || containsBytes(url.lowercased(), "password")
    }

    /// Substring search on UTF-8 bytes. Foundation's `StringProtocol.contains(_:)` trapped with "String index
    /// is out of bounds" on some fuzzed URLs (NUL and U+FFFD around a split at a scalar boundary).
    static func containsBytes(_ text: String, _ needle: String) -> Bool {
        let hay = Array(text.utf8), pin = Array(needle.utf8)
        guard !pin.isEmpty else { return true }
        guard hay.count >= pin.count else { return false }
        return (0...(hay.count - pin.count)).contains { i in hay[i..<(i + pin.count)].elementsEqual(pin) }
    }

    /// The text before and after the last "@", found by scalar: a Character search misses an "@" that a
    /// combining mark follows ("@\u{7EF}host"), which let such user info pass as a host and its password
    /// reach an error message (found by fuzzing).
    static func splitAtLastAt(_ text: String) -> (String, String)? {
        let scalars = text.unicodeScalars
        guard let at = scalars.lastIndex(of: "@") else { return nil }
        return (String(scalars[..<at]), String(scalars[scalars.index(after: at)...]))
    }

    /// The URL as shown in errors. A malformed URL may split in unexpected places (an unescaped
    /// "/", "?" or "#" in a password), so with a secret around only the text after the last "@",
    /// which can never be user info, is shown; with a password option nothing but the scheme is.
    static func redactedForError(_ url: String) -> String {
        guard mayHoldSecret(url) else { return "'\(url)'" }
        var scheme = ""
        if let end = url.range(of: "://") {
            let name = url[..<end.lowerBound]
            if name.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) { scheme = name + "://" }
        }
        if containsBytes(url.lowercased(), "password") { return "'\(scheme)…' (credentials hidden)" }
        return "'\(scheme)***@\(safeTail(url))'"
    }

    /// ", got 'fragment'" when showing the fragment cannot reveal a secret, else "".
    static func got(_ fragment: String, in url: String) -> String {
        if !mayHoldSecret(url) { return ", got '\(fragment)'" }
        if containsBytes(url.lowercased(), "password") { return "" }
        return containsBytes(safeTail(url), fragment) ? ", got '\(fragment)'" : ""
    }

    /// The text after the last "@", which the parser never reads as user info.
    private static func safeTail(_ url: String) -> String {
        splitAtLastAt(url)?.1 ?? ""
    }
}
