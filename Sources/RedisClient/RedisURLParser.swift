import Foundation

/// Parses Redis URLs by hand so that a malformed URL can be described without repeating the
/// secret it may contain (Foundation's URL would also accept forms Redis clients reject).
enum RedisURLParser {
    static func parse(_ raw: String) throws(RedisError) -> RedisEndpoint {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = text.range(of: "://") else {
            throw .invalidURL("expected redis://host:port/db or unix:///path.sock, got \(redactedForError(text))")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let rest = String(text[schemeEnd.upperBound...])
        switch scheme {
        case "redis": return try parseTCP(rest, original: text)
        case "unix", "redis+unix": return try parseUnix(rest, original: text)
        case "rediss":
            throw .invalidURL("rediss:// (TLS) is not supported by hiredis 0.14; use a local TLS tunnel such as stunnel and redis://127.0.0.1:PORT")
        default:
            throw .invalidURL("unknown scheme '\(scheme)' in \(redactedForError(text)); use redis:// or unix://")
        }
    }

    private static func parseTCP(_ rest: String, original: String) throws(RedisError) -> RedisEndpoint {
        var hostPart = rest
        var query = ""
        if let q = hostPart.firstIndex(of: "?") {
            query = String(hostPart[hostPart.index(after: q)...])
            hostPart = String(hostPart[..<q])
        }
        var path = ""
        if let slash = hostPart.firstIndex(of: "/") {
            path = String(hostPart[hostPart.index(after: slash)...])
            hostPart = String(hostPart[..<slash])
        }
        let (username, password, hostPort) = try splitUserInfo(hostPart, original: original)
        var host = "127.0.0.1"
        var port = 6379
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
                if !h.isEmpty { host = h }
                port = try parsePort(String(hostPort[hostPort.index(after: colon)...]), original: original)
            } else {
                host = hostPort
            }
        }
        var database = 0
        if !path.isEmpty {
            guard let db = Int(path), db >= 0 else {
                throw .invalidURL("database must be a number, got '\(path)' in \(redactedForError(original))")
            }
            database = db
        }
        var endpoint = RedisEndpoint(address: .tcp(host: host, port: port), username: username, password: password, database: database)
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
        if let at = body.lastIndex(of: "@"), !body.hasPrefix("/") {
            let info = String(body[..<at])
            (username, password) = try decodeUserInfo(info, original: original)
            body = String(body[body.index(after: at)...])
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
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let key = parts[0].lowercased()
            let value = parts.count > 1 ? (percentDecode(parts[1]) ?? parts[1]) : ""
            switch key {
            case "db":
                guard let db = Int(value), db >= 0 else {
                    throw .invalidURL("db must be a number, got '\(value)' in \(redactedForError(original))")
                }
                endpoint.database = db
            case "password": endpoint.password = value
            case "user", "username": endpoint.username = value
            default:
                throw .invalidURL("unknown URL option '\(key)' in \(redactedForError(original))")
            }
        }
    }

    private static func splitUserInfo(_ authority: String, original: String) throws(RedisError) -> (String?, String?, String) {
        guard let at = authority.lastIndex(of: "@") else { return (nil, nil, authority) }
        let info = String(authority[..<at])
        let hostPort = String(authority[authority.index(after: at)...])
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
            throw .invalidURL("port must be 1-65535, got '\(text)' in \(redactedForError(original))")
        }
        return port
    }

    static func percentDecode(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The URL with any user info replaced, so a typo in a URL never leaks its password.
    static func redactedForError(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else {
            return url.contains("@") ? "<url with credentials>" : "'\(url)'"
        }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var shown = url
        if let at = rest[..<authorityEnd].lastIndex(of: "@") {
            shown = String(url[..<schemeEnd.upperBound]) + "***@" + String(rest[rest.index(after: at)...])
        }
        if let q = shown.firstIndex(of: "?"), shown[q...].lowercased().contains("password=") {
            shown = String(shown[..<q]) + "?***"
        }
        return "'\(shown)'"
    }
}
