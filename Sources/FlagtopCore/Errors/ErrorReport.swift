import Foundation

/// An error to store: which toggle's code raised it, the exception text, and optional context.
public struct ErrorReport: Sendable, Equatable {
    public var toggleName: String
    public var exceptionBody: String
    public var sessionId: String?
    /// Filled from the toggle when nil: its current `toggle` value, `fingerprint` and `releaseNum`.
    public var toggleValue: String?
    public var fingerPrint: String?
    public var releaseNum: String?
    /// Unix seconds (with fraction); now when nil.
    public var time: Double?

    public init(toggleName: String, exceptionBody: String, sessionId: String? = nil, toggleValue: String? = nil,
                fingerPrint: String? = nil, releaseNum: String? = nil, time: Double? = nil) {
        self.toggleName = toggleName
        self.exceptionBody = exceptionBody
        self.sessionId = sessionId
        self.toggleValue = toggleValue
        self.fingerPrint = fingerPrint
        self.releaseNum = releaseNum
        self.time = time
    }

    /// The seeds' id: `<toggleName>:<MM-DD-YY-HH-MM-SS>` (UTC), with `-2`, `-3`… added by the writer on collision.
    public static func baseID(toggle: String, time: Double) -> String {
        var t = time_t(time)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(toggle):\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))-\(two(parts.tm_year % 100))-\(two(parts.tm_hour))-\(two(parts.tm_min))-\(two(parts.tm_sec))"
    }

    /// The document's fields in the seeds' order, then flagtop's additions.
    public func documentFields(time: Double) -> [(String, String)] {
        var fields = [
            ("toggleName", toggleName), ("toggleValue", toggleValue ?? ""), ("fingerPrint", fingerPrint ?? ""),
            ("exceptionBody", exceptionBody), ("ts", String(Int(time))),
        ]
        if let sessionId { fields.append(("sessionId", sessionId)) }
        if let releaseNum { fields.append(("releaseNum", releaseNum)) }
        return fields
    }
}

/// A search of the error database: free RediSearch text plus escaped filters.
public struct ErrorQuery: Sendable, Equatable {
    /// Passed as RediSearch syntax (a syntax error is reported, never fatal). Empty matches everything.
    public var text: String
    public var fingerprint: String?
    public var toggle: String?
    public var limit: Int
    public var offset: Int

    public init(text: String = "", fingerprint: String? = nil, toggle: String? = nil, limit: Int = 20, offset: Int = 0) {
        self.text = text
        self.fingerprint = fingerprint
        self.toggle = toggle
        self.limit = limit
        self.offset = offset
    }

    /// The RediSearch query string: `(<text>) @fingerPrint:(…) @toggleName:(…)`, or `*`.
    public var rediSearchQuery: String {
        var parts: [String] = []
        let free = text.trimmingSpaces
        if !free.isEmpty { parts.append(parts.isEmpty && fingerprint == nil && toggle == nil ? free : "(\(free))") }
        if let fingerprint, let f = QueryEscaping.textFieldFilter(field: "fingerPrint", value: fingerprint) { parts.append(f) }
        if let toggle, let t = QueryEscaping.textFieldFilter(field: "toggleName", value: toggle) { parts.append(t) }
        return parts.isEmpty ? "*" : parts.joined(separator: " ")
    }
}
