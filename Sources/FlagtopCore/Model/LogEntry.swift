/// One line of a recent-log LIST `recent:<name>:<severity>`: `<asctime> <message>` (docs/data-layout.md, "Recent logs").
public struct LogEntry: Sendable, Equatable, Hashable {
    public var name: String
    public var severity: String
    /// The asctime prefix as stored (`Sat Nov 21 19:13:45 2026`), or "" when the entry has none.
    public var time: String
    public var message: String
    /// Unix seconds parsed from `time` (local time zone, as Python's asctime writes it), for merging.
    public var timestamp: Int?

    public init(name: String, severity: String, time: String, message: String, timestamp: Int?) {
        self.name = name
        self.severity = severity
        self.time = time
        self.message = message
        self.timestamp = timestamp
    }
}
