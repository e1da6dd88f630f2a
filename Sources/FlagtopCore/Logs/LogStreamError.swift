/// The connection of a `RecentLogWriter` failed (server gone, timeout, refused login): the messages still
/// waiting for Redis's answer are unknown, maybe written, maybe not, and are never counted as written.
public struct LogStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    public var cause: FlagtopError
    /// What Redis did answer since the last flush, before the failure.
    public var acks: LogAcks
    /// Messages sent (or being sent) without an answer; the writer has forgotten them.
    public var unacknowledged: Int

    public init(cause: FlagtopError, acks: LogAcks, unacknowledged: Int) {
        self.cause = cause
        self.acks = acks
        self.unacknowledged = unacknowledged
    }

    public var description: String {
        "\(cause.description) (\(unacknowledged) log messages unacknowledged, \(acks.acknowledged) acknowledged)"
    }
}
