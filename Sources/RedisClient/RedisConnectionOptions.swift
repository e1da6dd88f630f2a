/// Timeouts, keepalive, client name and reconnect backoff for a `RedisConnection`.
public struct RedisConnectionOptions: Sendable, Equatable {
    /// Seconds allowed for the TCP or unix connect.
    public var connectTimeout: Double
    /// Seconds allowed for each command (or pipeline, or transaction) from its first byte sent to its last byte
    /// read: one deadline for the whole exchange, not per read. 0 waits forever.
    public var commandTimeout: Double
    /// TCP keepalive (ignored on unix sockets).
    public var keepAlive: Bool
    /// `CLIENT SETNAME` value, so operators can spot flagtop in `CLIENT LIST`; nil to skip.
    public var clientName: String?
    /// Reconnect backoff after a failed connect.
    public var backoff: Backoff
    /// The largest reply accepted, in bytes (default 512 MB, Redis's own bulk limit); a larger one drops the
    /// connection with `.replyTooLarge` instead of being buffered.
    public var maxReplyBytes: Int = 512 * 1024 * 1024

    public init(
        connectTimeout: Double = 2.0,
        commandTimeout: Double = 2.0,
        keepAlive: Bool = true,
        clientName: String? = "flagtop",
        backoff: Backoff = Backoff()
    ) {
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.keepAlive = keepAlive
        self.clientName = clientName
        self.backoff = backoff
    }
}
