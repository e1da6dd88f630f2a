import Foundation

/// The seeds' example data, written with the real redis-cli exactly as the articles show it (shared by every suite).
public enum Seeds {
    public static let toggle = ["HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5", "fingerprint", "John S", "override", "fb-user"]
    public static let session = ["HSET", "session:4156e021:1234", "name", "John Smith", "email", "john.smith@jsmith.com", "phone", "718-111-2222",
                          "authType", "fb-user", "creationTime", "Fri Apr 5 09:51:05 GMT-5"]
    public static let createIndex = ["FT.CREATE", "toggle_errors_db", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT"]
    public static let exception = #"Exception in thread "main" java.lang.ArrayIndexOutOfBoundsException: 5 at Exceptions.Unchecked_Demo.main(Unchecked_Demo.java:8)"#
    public static let addDocument = ["FT.ADD", "toggle_errors_db", "useNewAlgorithm:03-12-19-10-32-05", "1.0", "FIELDS", "toggleName", "useNewAlgorithm",
                              "toggleValue", "True", "fingerPrint", "John S,Stephanie B", "exceptionBody", exception]

    /// Starts a private server (RediSearch 1.2 unless `search` is false).
    public static func server(search: Bool = true, tcp: Bool = false) throws -> TestServer {
        try TestServer(search: search, tcp: tcp)
    }

    /// Starts a private server with exactly this search backend.
    public static func server(backend: TestServer.Backend) throws -> TestServer {
        try TestServer(backend: backend)
    }

    /// The seeds' FT.CREATE and FT.ADD with redis-cli; without a module (where FT.* do not exist) the same
    /// document the way an application writes it there: a HASH at the id plus its time in flagtop's ZSET.
    public static func addIndexAndDocument(_ server: TestServer) throws {
        if server.backend == .none {
            var hset = ["HSET", "useNewAlgorithm:03-12-19-10-32-05"]
            for i in stride(from: 5, to: addDocument.count - 1, by: 2) { hset += [addDocument[i], addDocument[i + 1]] }
            _ = try server.redisCLI(hset)
            _ = try server.redisCLI(["ZADD", "flagtop:errtime:toggle_errors_db", "1552386725", "useNewAlgorithm:03-12-19-10-32-05"])
        } else {
            _ = try server.redisCLI(createIndex)
            _ = try server.redisCLI(addDocument)
        }
    }

    /// Adds a document with `FT.ADD` (search backends) or as HASH plus ZSET entry (none).
    public static func addDocument(_ server: TestServer, id: String, fields: [String], time: Int = 1_552_386_725) throws {
        if server.backend == .none {
            _ = try server.redisCLI(["HSET", id] + fields)
            _ = try server.redisCLI(["ZADD", "flagtop:errtime:toggle_errors_db", String(time), id])
        } else {
            _ = try server.redisCLI(["FT.ADD", "toggle_errors_db", id, "1.0", "FIELDS"] + fields)
        }
    }

    /// Every key flagtop owns (registry, audit streams); empty when nothing was written.
    public static func flagtopKeys(_ server: TestServer) throws -> [String] {
        (try server.run("KEYS", "flagtop:*").array ?? []).compactMap(\.string).sorted()
    }

    /// HGETALL as text (`TestServer.hash`).
    public static func hash(_ server: TestServer, _ key: String) throws -> [String: String] {
        try server.hash(key)
    }

    /// A toggle's own audit stream (`flagtop:audit:{<toggle>}`), oldest first, each entry's fields as a dictionary.
    public static func audit(_ server: TestServer, toggle: String = "useNewAlgorithm") throws -> [[String: String]] {
        let entries = try server.run("XRANGE", "flagtop:audit:{\(toggle)}", "-", "+").array ?? []
        return entries.compactMap { entry in
            guard let pair = entry.array, pair.count == 2, let kv = pair[1].array else { return nil }
            var fields: [String: String] = [:]
            for i in stride(from: 0, to: kv.count - 1, by: 2) { fields[kv[i].string ?? ""] = kv[i + 1].string ?? "" }
            return fields
        }
    }
}
