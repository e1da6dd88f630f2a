import Foundation

/// How hard randomised tests work: modest in `make test` (2 cores, everything in parallel), more with
/// `FLAGTOP_TEST_SCALE=10` (what `make fuzz` and `make check` use).
public enum TestScale {
    public static let factor: Int = Int(ProcessInfo.processInfo.environment["FLAGTOP_TEST_SCALE"] ?? "") ?? 1

    /// `base` iterations times the factor.
    public static func iterations(_ base: Int) -> Int { max(1, base * factor) }
}
