import FlagtopTestSupport
import Foundation
import Testing

/// `flagtop toggles`: discovery of redis-cli-made toggles, states, huge and binary hashes.
@Suite struct ToggleListingCLITests {
    @Test func seedToggleIsListedWithNoOtherStep() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        #expect(try server.run("EXISTS", "flagtop:toggles").int == 0)
        let out = try CLI.ok(["toggles"], server: server)
        let row = try #require(out.lines.first { $0.hasPrefix("useNewAlgorithm ") }, "\(out.stdout)")
        let cells = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(cells.starts(with: ["useNewAlgorithm", "ON", "2.5", "John", "S", "fb-user"]))
        // Discovery added it to the registry.
        #expect(try server.run("SISMEMBER", "flagtop:toggles", "useNewAlgorithm").int == 1)
    }

    @Test func seedToggleJSONKeepsTheSeedsFields() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        let out = try CLI.ok(["toggles", "--json"], server: server)
        let list = try #require(try CLI.json(out.stdout) as? [[String: Any]])
        #expect(list.count == 1)
        let t = try #require(list.first)
        #expect(t["name"] as? String == "useNewAlgorithm")
        #expect(t["enabled"] as? Bool == true)
        #expect(t["releaseNum"] as? String == "2.5")
        #expect(t["fingerprint"] as? String == "John S")
        #expect(t["override"] as? String == "fb-user")
        #expect(t["rollout"] is NSNull)
        #expect(t["fields"] as? [String: String] == ["toggle": "True", "releaseNum": "2.5", "fingerprint": "John S", "override": "fb-user"])
    }

    @Test func searchIndexKeysAreNotToggles() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        _ = try server.redisCLI(Seeds.createIndex)
        _ = try server.redisCLI(Seeds.addDocument)
        _ = try server.redisCLI(["HSET", "plainHash", "name", "not a toggle"])
        let list = try #require(try CLI.json(CLI.ok(["toggles", "--json"], server: server).stdout) as? [[String: Any]])
        #expect(list.compactMap { $0["name"] as? String } == ["useNewAlgorithm"])
    }

    @Test func nonBooleanValueIsInvalid() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(["HSET", "weird", "toggle", "maybe", "releaseNum", "1.0"])
        _ = try server.redisCLI(["HSET", "off", "toggle", "False"])
        let out = try CLI.ok(["toggles"], server: server)
        #expect(out.lines.contains { $0.hasPrefix("weird ") && $0.contains(" INVALID ") })
        #expect(out.lines.contains { $0.hasPrefix("off ") && $0.contains(" OFF ") })
        let list = try #require(try CLI.json(CLI.ok(["toggles", "--json"], server: server).stdout) as? [[String: Any]])
        let weird = try #require(list.first { $0["name"] as? String == "weird" })
        #expect(weird["enabled"] is NSNull)
        #expect((weird["fields"] as? [String: String])?["toggle"] == "maybe")
    }

    @Test func toggleWithTenThousandFieldsIsListed() throws {
        let server = try Seeds.server()
        var command = RedisCommand("HSET", "bigToggle", "toggle", "True")
        for i in 1..<10_000 { command.append("field\(i)", "value \(i)") }
        _ = try server.connection().send(command)
        #expect(try server.run("HLEN", "bigToggle").int == 10_000)
        let out = try CLI.ok(["toggles"], server: server)
        #expect(out.lines.contains { $0.hasPrefix("bigToggle ") && $0.contains(" ON") })
        let list = try #require(try CLI.json(CLI.ok(["toggles", "--json"], server: server).stdout) as? [[String: Any]])
        let big = try #require(list.first { $0["name"] as? String == "bigToggle" })
        #expect((big["fields"] as? [String: String])?.count == 10_000)
        #expect((big["fields"] as? [String: String])?["field9999"] == "value 9999")
    }

    @Test func binaryFieldNamesAreShownEscaped() throws {
        let server = try Seeds.server()
        let name: [UInt8] = [0x6E, 0xFF, 0x61]          // "n", invalid byte, "a"
        let value: [UInt8] = [0xFE, 0x41, 0x1B, 0x5B, 0x33, 0x31, 0x6D]  // invalid byte, "A", ESC [31m
        _ = try server.connection().send(RedisCommand("HSET", "binTog", "toggle", "True", name, value))
        // A key that is itself not UTF-8 must not crash anything either.
        _ = try server.connection().send(RedisCommand("HSET", [0x62, 0xFF] as [UInt8], "toggle", "True"))
        let list = try CLI.ok(["toggles"], server: server)
        #expect(list.lines.contains { $0.hasPrefix("binTog ") })
        let shown = try CLI.ok(["toggle", "binTog"], server: server)
        #expect(shown.stdout.contains(#"n\xffa"#))
        #expect(shown.stdout.contains(#"\xfeA"#))
        #expect(!shown.stdout.contains("\u{1B}"), "raw ESC reached the terminal")
        let json = try CLI.ok(["toggle", "binTog", "--json"], server: server)
        let object = try #require(try CLI.json(json.stdout) as? [String: Any])
        let fields = try #require(object["fields"] as? [String: String])
        #expect(fields[#"n\xffa"#]?.hasPrefix(#"\xfeA"#) == true)
        #expect(!json.stdout.contains("\u{1B}"))
    }

    @Test func wrongTypedRegistryMemberIsSkippedWithANote() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        _ = try server.redisCLI(["SADD", "flagtop:toggles", "aString", "gone"])
        _ = try server.redisCLI(["SET", "aString", "hello"])
        let out = try CLI.ok(["toggles"], server: server)
        #expect(out.lines.contains { $0.hasPrefix("useNewAlgorithm ") })
        #expect(!out.stdout.contains("aString"))
        #expect(out.stderr.contains("aString"))
    }

    @Test func togglePrefixOption() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(["HSET", "ff:checkout", "toggle", "True"])
        _ = try server.redisCLI(Seeds.toggle)
        let list = try #require(try CLI.json(CLI.ok(["toggles", "--json", "--toggle-prefix", "ff:"], server: server).stdout) as? [[String: Any]])
        #expect(list.compactMap { $0["name"] as? String } == ["checkout"])
        try CLI.ok(["kill", "checkout", "--toggle-prefix", "ff:"], server: server)
        #expect(try server.hash("ff:checkout")["toggle"] == "False")
        #expect(try server.run("EXISTS", "checkout").int == 0)
    }
}
