import ArgumentParser

/// Range checks for numeric options, so `nan`, `inf`, `1e300` and `9223372036854775807` end with one line
/// instead of trapping in a conversion or an addition later on.
enum NumericOption {
    /// A finite number of `unit` within `range`.
    static func check(_ option: String, _ value: Double, in range: ClosedRange<Double>, unit: String) throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError("\(option) must be a number from \(format(range.lowerBound)) to \(format(range.upperBound))\(unit.isEmpty ? "" : " " + unit), got \(value)")
        }
    }

    /// A whole number within `range`.
    static func check(_ option: String, _ value: Int, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
    }

    private static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
