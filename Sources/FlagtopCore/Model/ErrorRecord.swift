/// One document of the error database (docs/data-layout.md, "Error database"): id `<toggleName>:<MM-DD-YY-HH-MM-SS>[-n]` and its fields.
public struct ErrorRecord: Sendable, Equatable, Hashable, Identifiable {
    public var id: String
    public var fields: [Field]
    /// For list rows and bounded reads, which leave `exceptionBody` out of `fields`: the start of the body
    /// (at most a few KB), or nil when not read.
    public var exceptionHead: String?
    /// The body's size in bytes when it was left out or cut (`HSTRLEN`), so a view can say how much is missing.
    public var exceptionBodyBytes: Int?

    public init(id: String, fields: [Field]) {
        self.id = id
        self.fields = fields
    }

    public var toggleName: String? { fields[field: "toggleName"] }
    public var toggleValue: String? { fields[field: "toggleValue"] }
    public var fingerPrint: String? { fields[field: "fingerPrint"] }
    public var exceptionBody: String? { fields[field: "exceptionBody"] }
    public var sessionId: String? { fields[field: "sessionId"] }
    public var releaseNum: String? { fields[field: "releaseNum"] }
    /// Unix seconds when flagtop's writers stored it; nil for documents written by others.
    public var timestamp: Int? { fields[field: "ts"].flatMap { Int($0) } }
    /// The exception's first line, for list rows.
    public var firstLine: String {
        let body = exceptionBody ?? exceptionHead ?? ""
        return String(body.prefix(while: { !$0.isNewline }))
    }
}

/// One page of an error search.
public struct ErrorSearchResult: Sendable, Equatable {
    public var total: Int
    public var hits: [ErrorRecord]

    public init(total: Int, hits: [ErrorRecord]) {
        self.total = total
        self.hits = hits
    }
}
