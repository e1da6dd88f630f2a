/// A feature toggle: a Redis HASH with a `toggle` field (docs/data-layout.md, "Toggles"), read as it is stored.
public struct Toggle: Sendable, Equatable, Hashable, Identifiable {
    /// The Redis key, exact bytes (includes any `--toggle-prefix`); writes use this.
    public var key: [UInt8]
    /// The name shown and used on the command line: the key without the prefix, as text.
    public var name: String
    /// Every field, in Redis order; unknown fields are kept.
    public var fields: [Field]

    public var id: String { name }

    public init(key: [UInt8], name: String, fields: [Field]) {
        self.key = key
        self.name = name
        self.fields = fields
    }

    /// The raw `toggle` field.
    public var rawToggle: String? { fields[field: "toggle"] }
    /// `toggle` parsed as a boolean (`True/False/true/false/1/0/on/off/yes/no`), nil when missing or not a boolean.
    public var enabled: Bool? { rawToggle.flatMap(ToggleValue.parse) }
    public var releaseNum: String? { fields[field: "releaseNum"] }
    /// The developer names, as stored (comma-separated).
    public var fingerprint: String? { fields[field: "fingerprint"] }
    /// The developer names split on commas and trimmed.
    public var developers: [String] { FingerprintList.split(fingerprint ?? "") }
    public var override: String? { fields[field: "override"].flatMap { $0.isEmpty ? nil : $0 } }
    /// `override` split on commas and trimmed.
    public var overridePersonas: [String] { FingerprintList.split(override ?? "") }
    /// `rollout` as 0–100, nil when missing or not a number in range.
    public var rollout: Int? { fields[field: "rollout"].flatMap { Int($0.trimmingSpaces) }.flatMap { (0...100).contains($0) ? $0 : nil } }
    /// `rollout` is present and not empty but not a whole number 0–100.
    public var hasInvalidRollout: Bool {
        guard let raw = fields[field: "rollout"]?.trimmingSpaces, !raw.isEmpty else { return false }
        return rollout == nil
    }
    public var stickiness: String? { fields[field: "stickiness"].flatMap { $0.isEmpty ? nil : $0 } }
    public var killedAt: String? { fields[field: "killedAt"] }
    public var killedBy: String? { fields[field: "killedBy"] }
    public var killReason: String? { fields[field: "killReason"] }

    /// ON, OFF, KILLED (off by the kill switch) or INVALID (the `toggle` field is missing or not a boolean).
    public var state: ToggleState {
        switch enabled {
        case .some(true): return .on
        case .some(false): return killedAt == nil ? .off : .killed
        case .none: return .invalid
        }
    }
}

/// The four states a toggle is shown in.
public enum ToggleState: String, Sendable, Equatable, CaseIterable {
    case on = "ON"
    case off = "OFF"
    case killed = "KILLED"
    case invalid = "INVALID"
}

/// Parsing and writing the `toggle` field.
public enum ToggleValue {
    /// `True/False/true/false/1/0/on/off/yes/no` (any case, spaces trimmed); nil otherwise.
    public static func parse(_ text: String) -> Bool? {
        switch text.trimmingSpaces.lowercased() {
        case "true", "1", "on", "yes": return true
        case "false", "0", "off", "no": return false
        default: return nil
        }
    }

    /// What flagtop writes, in the seeds' spelling.
    public static func format(_ value: Bool) -> String { value ? "True" : "False" }
}

/// Comma-separated name lists (`fingerprint`, `override`, `fingerPrint`).
public enum FingerprintList {
    public static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    public var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f.isNewline { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l.isNewline { s = s.dropLast() }
        return String(s)
    }
}
