/// The refresh interval's steps for `+`/`-`, and its bounds (0.25 s to 60 s).
public enum RefreshInterval {
    public static let steps: [Double] = [0.25, 0.5, 1, 2, 3, 5, 10, 15, 30, 60]
    public static var minimum: Double { steps.first! }
    public static var maximum: Double { steps.last! }

    /// `seconds` within the bounds.
    public static func clamp(_ seconds: Double) -> Double {
        guard seconds.isFinite else { return 2 }
        return min(max(seconds, minimum), maximum)
    }

    /// The next longer step (the maximum stays).
    public static func longer(than seconds: Double) -> Double {
        steps.first(where: { $0 > seconds + 1e-9 }) ?? maximum
    }

    /// The next shorter step (the minimum stays).
    public static func shorter(than seconds: Double) -> Double {
        steps.last(where: { $0 < seconds - 1e-9 }) ?? minimum
    }
}
