/// Everything that can go wrong talking to Redis, typed so callers can tell a dead server from
/// a denied command. No case ever carries a password.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL could not be parsed; the message names what is wrong.
    case invalidURL(String)
    /// Nothing listens at the address (refused, no such socket, host not found).
    case connectionRefused(String)
    /// The connection broke (EOF, reset) while talking.
    case connectionClosed(String)
    /// A connect or command timeout expired; the connection is dropped.
    case timeout(String)
    /// AUTH failed (wrong password, unknown user) or the server needs one.
    case authFailed(String)
    /// The server answered with an error reply; `code` is its first word (WRONGTYPE, NOPERM, …).
    case server(code: String, message: String)
    /// The reply could not be parsed, or had an unexpected shape.
    case protocolError(String)
    /// Not connected, and the backoff says the next attempt is not due yet.
    case disconnected(retryIn: Double, lastError: String)
    /// TLS could not be set up or broke: the message says which step (trust, name, client certificate, handshake).
    case tls(String)
    /// A reply grew past the configured bound (`RedisConnectionOptions.maxReplyBytes`); the connection is dropped.
    case replyTooLarge(limit: Int)

    public static func fromServer(_ message: String) -> RedisError {
        let code = message.prefix(while: { $0 != " " })
        // Without a handshake (no password, name or db) NOAUTH only shows on the first command;
        // it means the same as in the handshake: the server needs a password.
        if code == "NOAUTH" { return .authFailed("the server needs a password (\(message))") }
        let isCode = !code.isEmpty && code.allSatisfy { $0.isUppercase || $0 == "_" || $0.isNumber }
        return .server(code: isCode ? String(code) : "ERR", message: message)
    }

    /// The server error code (WRONGTYPE, NOPERM, READONLY, MOVED, …), if this is a server error.
    public var code: String? {
        if case let .server(code, _) = self { return code }
        return nil
    }

    /// Whether the connection is unusable after this error (it will be rebuilt on the next call).
    public var isConnectionError: Bool {
        switch self {
        case .connectionRefused, .connectionClosed, .timeout, .disconnected, .protocolError, .tls, .replyTooLarge: return true
        default: return false
        }
    }

    /// Whether the server's ACL denied the command or key.
    public var isPermissionDenied: Bool { code == "NOPERM" }

    /// What a server error reply means, for messages and for deciding what to do (retry, resolve, refuse).
    public var kind: ServerErrorKind? {
        guard let code else { return nil }
        return ServerErrorKind(code: code)
    }

    public var description: String {
        switch self {
        case let .invalidURL(m): return "invalid Redis URL: \(m)"
        case let .connectionRefused(m): return "cannot connect to Redis: \(m)"
        case let .connectionClosed(m): return "connection to Redis lost: \(m)"
        case let .timeout(m): return "Redis timed out: \(m)"
        case let .authFailed(m): return "Redis authentication failed: \(m)"
        case let .server(code, m): return ServerErrorKind(code: code).describe(m)
        case let .protocolError(m): return "Redis protocol error: \(m)"
        case let .disconnected(retryIn, last):
            return "not connected to Redis (\(last)); retrying in \(String(format1: retryIn))s"
        case let .tls(m): return "TLS: \(m)"
        case let .replyTooLarge(limit):
            return "Redis sent a reply larger than \(limit) bytes; refused (raise the bound only if you trust the server)"
        }
    }
}

extension String {
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
