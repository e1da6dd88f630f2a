import FlagtopTestSupport
import Foundation
import Testing

/// The error database through the CLI, interoperating with the seeds' redis-cli commands, on every backend:
/// RediSearch 1.2, search 2.x (Redis Stack) and no module.
@Suite struct ErrorsCLITests {
    static let seedID = "useNewAlgorithm:03-12-19-10-32-05"

    func seeded(_ backend: TestServer.Backend) throws -> TestServer {
        let server = try Seeds.server(backend: backend)
        _ = try server.redisCLI(Seeds.toggle)
        try Seeds.addIndexAndDocument(server)
        return server
    }

    /// The ids `<toggle>:<MM-DD-YY-HH-MM-SS>` for now and the next seconds, formatted independently (UTC).
    static func ids(_ toggle: String, from date: Date, seconds: Int) -> [String] {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "MM-dd-yy-HH-mm-ss"
        return (0..<seconds).map { "\(toggle):" + f.string(from: date.addingTimeInterval(Double($0))) }
    }

    @Test(arguments: TestServer.Backend.allCases) func seedDocumentIsFoundByWordFingerprintAndToggle(_ backend: TestServer.Backend) throws {
        let server = try seeded(backend)
        let byWord = try CLI.ok(["errors", "search", "John"], server: server)
        #expect(byWord.lines.first == "1 error")
        #expect(byWord.lines.contains { $0.hasPrefix(Self.seedID + " ") && $0.contains("John S,Stephanie B") && $0.contains("ArrayIndexOutOfBoundsException") })
        for args in [["--fingerprint", "Stephanie B"], ["--toggle", "useNewAlgorithm"], ["--fingerprint", "Stephanie B", "--toggle", "useNewAlgorithm"]] {
            let out = try CLI.ok(["errors", "search", "--json"] + args, server: server)
            let result = try #require(try CLI.json(out.stdout) as? [String: Any])
            #expect(result["total"] as? Int == 1, "\(args)")
            let hit = try #require((result["hits"] as? [[String: Any]])?.first)
            #expect(hit["id"] as? String == Self.seedID)
            #expect(hit["fields"] as? [String: String] == [
                "toggleName": "useNewAlgorithm", "toggleValue": "True", "fingerPrint": "John S,Stephanie B", "exceptionBody": Seeds.exception,
            ])
        }
        #expect(try CLI.ok(["errors", "search", "--fingerprint", "Ann K"], server: server).lines.first == "0 errors")
        #expect(try CLI.ok(["errors", "search", "--toggle", "otherToggle"], server: server).lines.first == "0 errors")
    }

    @Test(arguments: TestServer.Backend.allCases) func reportReadsBackWithRedisCLI(_ backend: TestServer.Backend) throws {
        let server = try seeded(backend)
        let start = Date()
        let out = try CLI.ok(["errors", "report", "useNewAlgorithm", "java.lang.NullPointerException at Checkout.java:42", "--session", "4156e021:1234"], server: server)
        let id = try #require(out.lines.first?.dropFirst("stored ".count).description)
        #expect(out.lines.first?.hasPrefix("stored ") == true)
        #expect(Self.ids("useNewAlgorithm", from: start.addingTimeInterval(-1), seconds: 4).contains(id), "\(id)")
        if backend != .none {
            let search = try server.redisCLI(["FT.SEARCH", "toggle_errors_db", "NullPointerException"])
            #expect(search.hasPrefix("1\n"))
            #expect(search.contains(id))
        }
        let fields = try Seeds.hash(server, id)
        #expect(fields["toggleName"] == "useNewAlgorithm")
        #expect(fields["toggleValue"] == "True")
        #expect(fields["fingerPrint"] == "John S")
        #expect(fields["exceptionBody"] == "java.lang.NullPointerException at Checkout.java:42")
        #expect(fields["sessionId"] == "4156e021:1234")
        #expect(fields["releaseNum"] == "2.5")
        let ts = try #require(fields["ts"].flatMap(Double.init))
        #expect(abs(ts - start.timeIntervalSince1970) < 5)
        // And flagtop finds it by the seeds' field names.
        #expect(try CLI.ok(["errors", "search", "--fingerprint", "John S"], server: server).lines.first == "2 errors")
    }

    @Test(arguments: TestServer.Backend.allCases) func reportReadsTheMessageFromStdin(_ backend: TestServer.Backend) throws {
        let server = try seeded(backend)
        let out = try CLI.ok(["errors", "report", "useNewAlgorithm", "-"], server: server, stdin: "first line\n\tat Foo.bar(Foo.java:1)\n")
        let id = String(try #require(out.lines.first).dropFirst("stored ".count))
        #expect(try server.hash(id)["exceptionBody"] == "first line\n\tat Foo.bar(Foo.java:1)")
    }

    @Test(arguments: TestServer.Backend.allCases) func collisionGetsASuffixAndNeverOverwrites(_ backend: TestServer.Backend) throws {
        let server = try seeded(backend)
        let candidates = Self.ids("useNewAlgorithm", from: Date(), seconds: 3)
        for id in candidates {
            try Seeds.addDocument(server, id: id, fields: ["toggleName", "useNewAlgorithm", "exceptionBody", "original \(id)"])
        }
        let out = try CLI.ok(["errors", "report", "useNewAlgorithm", "second error in the same second"], server: server)
        let id = String(try #require(out.lines.first).dropFirst("stored ".count))
        #expect(candidates.map { $0 + "-2" }.contains(id), "\(id)")
        for original in candidates {
            #expect(try server.hash(original)["exceptionBody"] == "original \(original)")
        }
        #expect(try server.hash(id)["exceptionBody"] == "second error in the same second")
        // Two reports back to back: distinct ids, both stored.
        let a = try CLI.ok(["errors", "report", "useNewAlgorithm", "twin A"], server: server).lines.first ?? ""
        let b = try CLI.ok(["errors", "report", "useNewAlgorithm", "twin B"], server: server).lines.first ?? ""
        #expect(a != b)
        #expect(try CLI.ok(["errors", "search", "twin"], server: server).lines.first == "2 errors")
    }

    @Test(arguments: [TestServer.Backend.search1, .search2]) func missingIndexIsCreatedWithStopwordsZeroAndTimestamp(_ backend: TestServer.Backend) throws {
        let server = try Seeds.server(backend: backend)
        _ = try server.redisCLI(Seeds.toggle)
        try CLI.ok(["errors", "report", "useNewAlgorithm", "the cache is not warm"], server: server)
        let info = try server.redisCLI(["FT.INFO", "toggle_errors_db"])
        let lines = info.split(separator: "\n").map(String.init)
        let ts = try #require(lines.firstIndex(of: "ts"))
        #expect(lines[ts + 1 ..< min(ts + 6, lines.count)].contains("NUMERIC"))
        // With the default stopwords "the" is never indexed; with STOPWORDS 0 it is.
        #expect(try server.redisCLI(["FT.SEARCH", "toggle_errors_db", "the", "NOCONTENT"]).hasPrefix("1\n"))
    }

    @Test(arguments: TestServer.Backend.allCases) func existingIndexIsUsedAsIs(_ backend: TestServer.Backend) throws {
        let server = try seeded(backend)
        func schema() throws -> String {
            guard backend != .none else { return "exceptionBody (no module: no index)" }
            let info = try server.redisCLI(["FT.INFO", "toggle_errors_db"])
            guard let from = info.range(of: backend == .search1 ? "fields\n" : "attributes\n"), let to = info.range(of: "num_docs") else { return info }
            return String(info[from.lowerBound..<to.lowerBound])
        }
        let before = try schema()
        #expect(before.contains("exceptionBody"))
        try CLI.ok(["errors", "report", "useNewAlgorithm", "kaboom"], server: server)
        #expect(try schema() == before)
        #expect(!before.contains("ts\n"))
        #expect(try CLI.ok(["errors", "search", "kaboom"], server: server).lines.first == "1 error")
    }

    @Test(arguments: TestServer.Backend.allCases) func pagingAndTotal(_ backend: TestServer.Backend) throws {
        let server = try seeded(backend)
        for i in 1...5 { try CLI.ok(["errors", "report", "useNewAlgorithm", "paging failure \(i)"], server: server) }
        var seen: [String] = []
        for offset in [0, 2, 4] {
            let out = try CLI.ok(["errors", "search", "paging", "--limit", "2", "--offset", String(offset), "--json"], server: server)
            let result = try #require(try CLI.json(out.stdout) as? [String: Any])
            #expect(result["total"] as? Int == 5)
            let hits = try #require(result["hits"] as? [[String: Any]])
            #expect(hits.count == (offset == 4 ? 1 : 2))
            seen += hits.compactMap { $0["id"] as? String }
        }
        #expect(Set(seen).count == 5)
        let text = try CLI.ok(["errors", "search", "paging", "--limit", "2", "--offset", "2"], server: server)
        #expect(text.lines.first == "5 errors (showing 3-4)")
        #expect(text.lines.count == 4)  // summary, header, two rows
    }

    @Test(arguments: TestServer.Backend.allCases) func syntaxErrorIsOneLine(_ backend: TestServer.Backend) throws {
        let server = try seeded(backend)
        if backend == .none {
            // No module, no query language to get wrong: the text is matched as words.
            #expect(try CLI.ok(["errors", "search", "@@("], server: server).lines.first == "0 errors")
        } else {
            let line = try CLI.failsWithOneLine(["errors", "search", "@@("], server: server)
            #expect(line.contains("search query failed"))
        }
        // Still fine afterwards.
        #expect(try CLI.ok(["errors", "search", "John"], server: server).lines.first == "1 error")
    }

    @Test(arguments: TestServer.Backend.allCases) func fingerprintsCountEachDeveloper(_ backend: TestServer.Backend) throws {
        let server = try seeded(backend)
        try CLI.ok(["errors", "report", "useNewAlgorithm", "another one"], server: server)
        let out = try CLI.ok(["errors", "fingerprints", "--json"], server: server)
        let counts = try #require(try CLI.json(out.stdout) as? [[String: Any]])
        #expect(counts.map { $0["name"] as? String ?? "" } == ["John S", "Stephanie B"])
        #expect(counts.map { $0["count"] as? Int ?? -1 } == [2, 1])
        let text = try CLI.ok(["errors", "fingerprints"], server: server)
        #expect(text.lines.contains { $0.hasPrefix("John S ") && $0.hasSuffix(" 2") })
    }
}
