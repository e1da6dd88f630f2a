/// Capped exponential backoff between reconnect attempts: `initial`, ×`factor` each failure, at most `maximum`.
public struct Backoff: Sendable, Equatable {
    public var initial: Double
    public var maximum: Double
    public var factor: Double
    public private(set) var failures: Int = 0

    public init(initial: Double = 0.1, maximum: Double = 5.0, factor: Double = 2.0) {
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
    }

    /// The wait before the next attempt after the failures so far.
    public var currentDelay: Double {
        guard failures > 0 else { return 0 }
        var d = initial
        for _ in 1..<failures {
            d *= factor
            if d >= maximum { return maximum }
        }
        return min(d, maximum)
    }

    public mutating func recordFailure() { failures += 1 }
    public mutating func reset() { failures = 0 }
}
