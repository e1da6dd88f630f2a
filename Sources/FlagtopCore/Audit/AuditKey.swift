import RedisClient

/// Where a toggle's audit entries live: one capped STREAM per toggle, in the toggle's own cluster slot
/// (docs/data-layout.md, "Audit trail"), so the toggle's write and its audit entry can be one script or one MULTI/EXEC, and nothing about
/// one toggle (a WATCH, a lock, a poisoned stream) touches another.
///
/// The key is `flagtop:audit:{<toggle key>}`; a toggle key with its own non-empty `{tag}` reuses that tag
/// (`a{b}c` → `flagtop:audit:{b}`), so toggles that share a tag share a stream (entries carry the toggle's
/// name, and readers filter by it). The result is always checked with `HashSlot`: a key such as `x}y` cannot
/// be wrapped in braces (the tag would end at its `}`), so it falls back to `flagtop:audit:{x_y~N}` with the
/// smallest N whose slot is the toggle's — deterministic, so every reader finds the same stream.
public enum AuditKey {
    public static let prefix = "flagtop:audit:"
    /// The SCAN pattern that finds every per-toggle stream (not the legacy `flagtop:audit`).
    public static let scanPattern = "flagtop:audit:*"

    public static func forToggle(key toggleKey: [UInt8]) -> [UInt8] {
        let slot = HashSlot.of(toggleKey)
        let tagged: [UInt8]
        if let tag = HashSlot.tag(of: toggleKey) {
            tagged = Array(prefix.utf8) + [UInt8(ascii: "{")] + tag + [UInt8(ascii: "}")]
        } else {
            tagged = Array(prefix.utf8) + [UInt8(ascii: "{")] + toggleKey + [UInt8(ascii: "}")]
        }
        if HashSlot.of(tagged) == slot { return tagged }
        // Fallback: braces replaced so the tag cannot end early, plus a counter searched until the slot matches
        // (about 16,384 tries on average, microseconds each; capped, and the cap is never reached in practice).
        let cleaned = toggleKey.map { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "{") ? UInt8(ascii: "_") : $0 }
        for n in 0..<1_000_000 {
            let candidate = Array(prefix.utf8) + [UInt8(ascii: "{")] + cleaned + Array("~\(n)".utf8) + [UInt8(ascii: "}")]
            if HashSlot.of(candidate) == slot { return candidate }
        }
        return tagged
    }

    public static func forToggle(key: String) -> String {
        RedisBytes.decode(forToggle(key: Array(key.utf8)))
    }
}
