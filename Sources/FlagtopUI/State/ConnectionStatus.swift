/// The poller's connection to Redis, as the header shows it.
public enum ConnectionStatus: Sendable, Hashable {
    case connecting
    case connected
    /// Lost or refused; the next attempt is `retryIn` seconds after the status was reported.
    case disconnected(reason: String, retryIn: Double)

    public var isConnected: Bool { self == .connected }
}
