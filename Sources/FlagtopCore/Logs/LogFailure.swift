/// One streamed log message Redis refused (ACL, wrong type, …): which one, where it was going, and why.
public struct LogFailure: Sendable, Equatable {
    /// The number `RecentLogWriter.send` returned for the message (send order, from 0).
    public var sequence: Int
    /// The list it was for, `recent:<name>:<severity>`.
    public var key: String
    public var error: FlagtopError

    public init(sequence: Int, key: String, error: FlagtopError) {
        self.sequence = sequence
        self.key = key
        self.error = error
    }
}
