import FlagtopTestSupport
import Foundation
import RedisClient
import Testing

/// Toggles are found by what their keys are, not by how they are named, and names are kept exact: names that
/// RediSearch 1.x uses as key prefixes, names with invalid UTF-8, and names that only differ invisibly.
@Suite struct ToggleNamesCLITests {
    static let searchLikeNames = ["tag:beta", "idx:new-checkout", "ft:search", "nm:numbers", "geo:eu"]

    @Test func togglesNamedLikeRediSearchKeysAreListedAndItsOwnKeysAreNot() throws {
        let server = try Seeds.server()
        try #require(server.searchLoaded)
        _ = try server.redisCLI(Seeds.createIndex)
        _ = try server.redisCLI(Seeds.addDocument)
        for name in Self.searchLikeNames { _ = try server.redisCLI(["HSET", name, "toggle", "True"]) }
        // RediSearch's own keys exist, with the module's types.
        let types = Set(try server.redisCLI(["--scan"]).split(separator: "\n").map { key in
            (try? server.redisCLI(["TYPE", String(key)]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        })
        #expect(types.contains { $0.hasPrefix("ft_") }, "\(types)")
        let listed = try CLI.ok(["toggles"], server: server).lines.dropFirst().map { String($0.split(separator: " ").first ?? "") }
        #expect(Set(listed) == Set(Self.searchLikeNames), "\(listed)")
        let registry = Set(try server.redisCLI(["SMEMBERS", "flagtop:toggles"]).split(separator: "\n").map(String.init))
        #expect(registry == Set(Self.searchLikeNames), "\(registry)")
    }

    @Test func aNameWithInvalidUTF8IsListedReadAndWrittenUnderItsExactKey() throws {
        let server = try Seeds.server(search: false)
        let key: [UInt8] = Array("bad".utf8) + [0xFF] + Array("name".utf8)
        _ = try server.connection().send(RedisCommand("HSET", key, "toggle", "True", "releaseNum", "7"))
        let list = try CLI.ok(["toggles"], server: server)
        #expect(list.lines.contains { $0.hasPrefix(#"bad\xffname "#) && $0.contains(" ON ") }, "\(list.stdout)")
        let shown = try CLI.ok(["toggle", #"bad\xffname"#], server: server)
        #expect(shown.stdout.contains("releaseNum") && shown.stdout.contains("7"), "\(shown.stdout)")
        try CLI.ok(["kill", #"bad\xffname"#, "--reason", "binary"], server: server)
        let fields = try server.connection().send(RedisCommand("HGET", key, "toggle"))
        #expect(fields.string == "False")
        // The registry holds the exact bytes, and no mangled `bad\xffname` text key was created.
        let members = try server.connection().send(RedisCommand("SMEMBERS", "flagtop:toggles")).array?.compactMap(\.bytes) ?? []
        #expect(members == [key], "\(members)")
        #expect(try server.connection().send(RedisCommand("EXISTS", #"bad\xffname"#)).int == 0)
    }

    @Test func lookAlikeNamesAreShownDifferentlyAndCanBeAddressed() throws {
        let server = try Seeds.server(search: false)
        let names = ["beta", "beta ", " beta", "be\u{A0}ta", "be\nta", "be\\nta"]
        for (i, name) in names.enumerated() {
            _ = try server.connection().send(RedisCommand("HSET", name, "toggle", "True", "releaseNum", "r\(i)"))
        }
        let rows = try CLI.ok(["toggles"], server: server).lines.dropFirst()
        let shownNames = rows.map { String($0.prefix(while: { $0 != " " })) }
        #expect(Set(shownNames).count == names.count, "\(shownNames)")
        #expect(Set(shownNames) == ["beta", #"beta\x20"#, #"\x20beta"#, #"be\u{00A0}ta"#, #"be\nta"#, #"be\\nta"#])
        // Each shown form names its own toggle.
        for (i, shown) in [#"beta\x20"#, #"\x20beta"#, #"be\u{00A0}ta"#, #"be\nta"#, #"be\\nta"#, "beta"].enumerated() {
            let expected = ["r1", "r2", "r3", "r4", "r5", "r0"][i]
            let out = try CLI.ok(["toggle", shown, "--json"], server: server)
            let object = try #require(try CLI.json(out.stdout) as? [String: Any])
            #expect(object["releaseNum"] as? String == expected, "\(shown)")
        }
    }
}
