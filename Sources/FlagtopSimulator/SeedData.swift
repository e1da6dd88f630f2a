import RedisClient

/// The example data of the two articles in `seeds/`, written with the exact commands they show.
public enum SeedData {
    /// `HSET useNewAlgorithm …`, `HSET session:4156e021:1234 …`, `FT.CREATE toggle_errors_db …`, `FT.ADD …` as in the seeds.
    public static let toggleCommand = RedisCommand("HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5", "fingerprint", "John S", "override", "fb-user")
    public static let sessionCommand = RedisCommand(
        "HSET", "session:4156e021:1234", "name", "John Smith", "email", "john.smith@jsmith.com", "phone", "718-111-2222",
        "authType", "fb-user", "creationTime", "Fri Apr 5 09:51:05 GMT-5"
    )
    public static let createIndexCommand = RedisCommand(
        "FT.CREATE", "toggle_errors_db", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT"
    )
    public static let addDocumentCommand = RedisCommand(
        "FT.ADD", "toggle_errors_db", "useNewAlgorithm:03-12-19-10-32-05", "1.0", "FIELDS", "toggleName", "useNewAlgorithm",
        "toggleValue", "True", "fingerPrint", "John S,Stephanie B",
        "exceptionBody", "Exception in thread \"main\" java.lang.ArrayIndexOutOfBoundsException: 5 at Exceptions.Unchecked_Demo.main(Unchecked_Demo.java:8)"
    )

    /// Writes the seeds' toggle and session, and (when the server has RediSearch) their index and document.
    /// Returns what was done, one line each.
    @discardableResult
    public static func load(into connection: RedisConnection, withSearch: Bool) throws(RedisError) -> [String] {
        var done: [String] = []
        try connection.send(toggleCommand)
        done.append("toggle useNewAlgorithm")
        try connection.send(sessionCommand)
        done.append("session session:4156e021:1234")
        if withSearch {
            let exists = try connection.perform(RedisCommand("FT.INFO", "toggle_errors_db"))
            if exists.serverError != nil { try connection.send(createIndexCommand) }
            let added = try connection.perform(addDocumentCommand)
            if let error = added.serverError, !(error.description.contains("already")) { throw error }
            done.append("index toggle_errors_db with 1 document")
        }
        return done
    }
}

extension SeedData {
    /// A few log lines so the logs pane has history before the traffic starts.
    public static let logLines: [(String, String, String)] = [
        ("pricing", "deploy 2.5 canary: useNewAlgorithm on for fb-user", "info"),
        ("checkout", "payment provider latency back to normal", "warning"),
        ("ops", "release 2.5 promoted to canary by release-bot", "info"),
    ]
}
