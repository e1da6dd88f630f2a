import Foundation
import RedisClient

/// Where flagtop's data lives in Redis and who is acting: shared by the CLI, the dashboard and the library.
public struct FlagtopSettings: Sendable, Equatable {
    public static let defaultIndex = "toggle_errors_db"
    public static let defaultSessionPattern = "session:*"
    public static let registryKey = "flagtop:toggles"
    public static let auditKey = "flagtop:audit"

    public var endpoint: RedisEndpoint
    public var indexName: String
    public var sessionPattern: String
    public var togglePrefix: String
    public var actor: String
    public var readOnly: Bool
    /// Connect and command timeout in seconds.
    public var timeout: Double

    public init(
        endpoint: RedisEndpoint,
        indexName: String = FlagtopSettings.defaultIndex,
        sessionPattern: String = FlagtopSettings.defaultSessionPattern,
        togglePrefix: String = "",
        actor: String = FlagtopSettings.defaultActor(),
        readOnly: Bool = false,
        timeout: Double = FlagtopSettings.defaultTimeout
    ) {
        self.endpoint = endpoint
        self.indexName = indexName
        self.sessionPattern = sessionPattern
        self.togglePrefix = togglePrefix
        self.actor = actor
        self.readOnly = readOnly
        self.timeout = timeout
    }

    /// `$USER@hostname`.
    public static func defaultActor() -> String {
        let env = ProcessInfo.processInfo.environment
        let user = env["USER"] ?? env["LOGNAME"] ?? "unknown"
        return "\(user)@\(ProcessInfo.processInfo.hostName)"
    }

    /// The timeout used when `timeout` is not a number.
    public static let defaultTimeout = 3.0
    /// The timeouts actually used: `timeout` clamped to 1 ms … 1 hour (NaN: `defaultTimeout`), so that no
    /// value can overflow the conversion to a socket timeout.
    public static let timeoutRange = 0.001...3600.0

    /// `timeout` as it is used (see `timeoutRange`).
    public var effectiveTimeout: Double {
        timeout.isNaN ? Self.defaultTimeout : min(max(timeout, Self.timeoutRange.lowerBound), Self.timeoutRange.upperBound)
    }

    public func connectionOptions(name: String) -> RedisConnectionOptions {
        RedisConnectionOptions(connectTimeout: effectiveTimeout, commandTimeout: effectiveTimeout, clientName: name)
    }

    /// The fixed prefix of the session pattern (`session:` for `session:*`), used to turn keys into ids.
    public var sessionPrefix: String {
        String(sessionPattern.prefix(while: { $0 != "*" && $0 != "?" && $0 != "[" }))
    }
}
