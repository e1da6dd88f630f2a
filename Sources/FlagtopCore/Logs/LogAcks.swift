/// What Redis answered for streamed log messages since the last `flush` (or failure): a message counts as
/// written only when its whole MULTI/LPUSH/LTRIM/EXEC came back without an error.
public struct LogAcks: Sendable, Equatable {
    /// How many failures keep their details; the count goes on past it.
    public static let detailLimit = 100

    /// Messages Redis acknowledged (pushed and trimmed).
    public var acknowledged = 0
    /// Messages Redis refused; nothing of them was written.
    public var failed = 0
    /// The first `detailLimit` refusals, in send order.
    public var failures: [LogFailure] = []

    public init(acknowledged: Int = 0, failed: Int = 0, failures: [LogFailure] = []) {
        self.acknowledged = acknowledged
        self.failed = failed
        self.failures = failures
    }

    mutating func record(_ failure: LogFailure) {
        failed += 1
        if failures.count < Self.detailLimit { failures.append(failure) }
    }
}
