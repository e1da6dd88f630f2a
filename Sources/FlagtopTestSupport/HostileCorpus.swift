import Foundation

/// Attacker-shaped data for hardening tests (docs/architecture.md, "Terminal safety"; notes/redis.md §5.3): terminal escape sequences, C1 bytes,
/// bidi overrides, invalid UTF-8, NUL, huge values and keys of the wrong type, loaded into a `TestServer` in the
/// layout flagtop reads (toggles, sessions, error index, recent logs, audit stream).
public enum HostileCorpus {
    /// What an OSC 0/2 title payload and the OSC 52 clipboard payload (base64 of `clipboardMarker`) carry.
    public static let titleMarker = "PWNEDTITLE"
    public static let clipboardMarker = "PWNEDCLIP"
    static let clipboardBase64 = Data(clipboardMarker.utf8).base64EncodedString()

    /// The hostile byte strings, each one a different attack; every stored value is built from these.
    public static let payloads: [[UInt8]] = {
        let esc: [UInt8] = [0x1B], bel: [UInt8] = [0x07], st: [UInt8] = [0x1B, 0x5C]
        func s(_ text: String) -> [UInt8] { Array(text.utf8) }
        return [
            esc + s("[2J") + esc + s("[31mRED") + esc + s("[0m") + esc + s("[10;10Hforged"),     // CSI
            esc + s("]0;\(titleMarker)") + bel,                                                   // OSC 0, BEL
            esc + s("]2;\(titleMarker)") + st,                                                    // OSC 2, ST
            esc + s("]8;;http://evil.example/") + st + s("click") + esc + s("]8;;") + st,         // OSC 8
            esc + s("]52;c;\(clipboardBase64)") + bel,                                            // OSC 52, BEL
            esc + s("]52;c;\(clipboardBase64)") + st,                                             // OSC 52, ST
            esc + s("]52;c;?") + bel,                                                             // OSC 52 read
            esc + s("P+q544e") + st,                                                              // DCS
            esc + s("Ptmux;") + esc + esc + s("]2;\(titleMarker)") + bel + st,                    // tmux passthrough
            esc + s("_Gf=100;AAAA") + st,                                                         // APC
            esc + s("^private") + st,                                                             // PM
            [0x9B] + s("31mC1CSI") + [0x9D] + s("0;\(titleMarker)") + bel,                        // raw C1 bytes
            s("\u{9B}2J\u{9D}2;\(titleMarker)\u{9C}"),                                            // C1 as scalars
            s("abc\u{202E}txt.exe\u{202C} \u{2066}iso\u{2069} \u{202A}\u{202B}\u{202D}\u{2067}\u{2068}"), // bidi
            [0x66, 0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0x67],         // invalid UTF-8
            s("nul") + [0, 0] + s("byte"),                                                        // NUL
            s("cr\roverwrite\u{8}\u{8}bs\u{7F}del\ttab\nnewline"),                                // CR, BS, DEL
        ]
    }()

    /// All payloads joined, for a value that carries every attack at once.
    public static let everything: [UInt8] = payloads.reduce([], { $0 + Array("|".utf8) + $1 })

    public static let hostileToggle = "hostile"
    public static let hugeToggle = "huge-fields"
    public static let wideToggles = ["with space", "ünïcødé 名前 🚀"]
    public static let escapedToggleName: [UInt8] = Array("evil".utf8) + payloads[1]
    public static let wrongTypes = ["string", "list", "set", "zset", "stream"]
    public static var wrongTypeToggles: [String] { wrongTypes.map { "wrong-\($0)" } }
    public static let hostileSession = "evil"
    public static var wrongTypeSessions: [String] { wrongTypes.map { "wrong-\($0)" } }
    public static let logName = "hostile"
    /// Severities (key suffixes of `recent:<logName>:…`) that are attacks: clear screen, titles, clipboard.
    public static var hostileSeverities: [[UInt8]] { [payloads[0], payloads[1], payloads[2], payloads[4], payloads[8], payloads[11]] }
    public static let bigExceptionID = "hostile:01-01-26-00-00-00"
    public static let oneMiB = 1 << 20
    public static let bigExceptionLines = 100_000
    public static let hugeFieldCount = 10_000

    /// Loads the corpus. `indexName` must match flagtop's `--index` (default `toggle_errors_db`).
    public static func load(into server: TestServer, indexName: String = "toggle_errors_db") throws {
        let c = try server.connection(commandTimeout: 60)
        let now = Int(Date().timeIntervalSince1970)
        let big = [UInt8](repeating: UInt8(ascii: "A"), count: oneMiB - everything.count) + everything

        // Toggles: one whose every field is hostile, one with a 1 MiB value, one with 10,000 fields, odd names.
        var hostile = RedisCommand("HSET", hostileToggle, "toggle", "True", "releaseNum", everything, "fingerprint", everything,
                                   "override", everything, "description", big)
        for (i, p) in payloads.enumerated() { hostile.append(Array("f\(i)".utf8) + p, p) }
        _ = try c.send(hostile)
        var huge = RedisCommand("HSET", hugeToggle, "toggle", "False")
        for i in 0..<hugeFieldCount { huge.append("field\(i)", payloads[i % payloads.count]) }
        _ = try c.send(huge)
        for name in wideToggles { _ = try c.send(RedisCommand("HSET", name, "toggle", "True", "fingerprint", "ünï 名前")) }
        _ = try c.send(RedisCommand("HSET", escapedToggleName, "toggle", everything))
        try wrongTyped(wrongTypeToggles, payload: everything, on: c)
        var register = RedisCommand("SADD", "flagtop:toggles", hostileToggle, hugeToggle, escapedToggleName)
        register.append(contentsOf: (wideToggles + wrongTypeToggles).map { $0 as any RedisArgumentConvertible })
        _ = try c.send(register)

        // Sessions.
        var session = RedisCommand("HSET", "session:\(hostileSession)", "name", everything, "email", everything,
                                   "authType", everything, "creationTime", everything, "blob", big)
        for (i, p) in payloads.enumerated() { session.append(Array("k\(i)".utf8) + p, p) }
        _ = try c.send(session)
        _ = try c.send(RedisCommand("HSET", Array("session:".utf8) + payloads[4], "name", payloads[0]))
        try wrongTyped(wrongTypeSessions.map { "session:\($0)" }, payload: everything, on: c)

        // Recent logs: one list of hostile lines per severity that is a list, the others wrong-typed.
        let stamp = "Sat Nov 21 19:13:45 2026 "
        var push = RedisCommand("LPUSH", "recent:\(logName):info")
        for p in payloads { push.append(Array(stamp.utf8) + p) }
        push.append(Array(stamp.utf8) + big)
        _ = try c.send(push)
        _ = try c.send(RedisCommand("LPUSH", "recent:\(logName):warning", everything, Array(stamp.utf8) + everything))
        for (severity, type) in zip(["debug", "error", "critical", "audit", "fatal"], wrongTypes) {
            try wrongTyped(["recent:\(logName):\(severity)"], payload: everything, type: type, on: c)
        }
        // The severity is part of the key (`recent:<name>:<severity>`): keys whose severity is an attack.
        for p in hostileSeverities {
            _ = try c.send(RedisCommand("LPUSH", Array("recent:\(logName):".utf8) + p, Array((stamp + "line of a hostile severity").utf8)))
        }

        // Error index (RediSearch 1.x FT.ADD, as the seeds do) with hostile documents and a 100,000-line exception.
        if server.searchLoaded {
            _ = try? c.send(RedisCommand("FT.CREATE", indexName, "STOPWORDS", 0, "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT",
                                         "fingerPrint", "TEXT", "exceptionBody", "TEXT", "ts", "NUMERIC", "SORTABLE"))
            for (i, p) in payloads.enumerated() {
                _ = try c.send(RedisCommand("FT.ADD", indexName, "hostile:\(i)", "1.0", "FIELDS", "toggleName", hostileToggle + " ",
                                            "toggleValue", p, "fingerPrint", p, "exceptionBody", Array("boom ".utf8) + p + everything,
                                            "ts", now - i))
            }
            var body: [UInt8] = []
            body.reserveCapacity(bigExceptionLines * 40)
            for line in 0..<bigExceptionLines {
                body += Array("  at frame \(line) ".utf8) + payloads[line % payloads.count] + [0x0A]
            }
            _ = try c.send(RedisCommand("FT.ADD", indexName, bigExceptionID, "1.0", "FIELDS", "toggleName", hostileToggle,
                                        "toggleValue", "True", "fingerPrint", "alice", "exceptionBody", body, "ts", now + 1))
        }

        // Audit stream entries with hostile fields.
        for p in payloads.prefix(6) {
            _ = try c.send(RedisCommand("XADD", "flagtop:audit", "*", "action", "kill", "toggle", hostileToggle, "actor", p,
                                        "reason", p, "before", Array("toggle=".utf8) + p, "after", everything))
        }
    }

    /// Creates `keys` as Redis values of the wrong type (`type`, or each of `wrongTypes` in turn).
    static func wrongTyped(_ keys: [String], payload: [UInt8], type: String? = nil, on c: RedisConnection) throws {
        for (key, kind) in zip(keys, type.map { Array(repeating: $0, count: keys.count) } ?? wrongTypes) {
            switch kind {
            case "string": _ = try c.send(RedisCommand("SET", key, payload))
            case "list": _ = try c.send(RedisCommand("RPUSH", key, payload, "toggle"))
            case "set": _ = try c.send(RedisCommand("SADD", key, payload, "toggle"))
            case "zset": _ = try c.send(RedisCommand("ZADD", key, 1, payload, 2, "toggle"))
            default: _ = try c.send(RedisCommand("XADD", key, "*", "toggle", payload))
            }
        }
    }

    /// Terminal effects found in `text`: ESC, BEL, C1 controls (as scalars) and bidi controls. Empty when clean.
    public static func violations(in text: String) -> [String] {
        var found: Set<String> = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1B: found.insert("ESC")
            case 0x07: found.insert("BEL")
            case 0x80...0x9F: found.insert("C1 U+\(String(scalar.value, radix: 16, uppercase: true))")
            case 0x202A...0x202E, 0x2066...0x2069: found.insert("bidi U+\(String(scalar.value, radix: 16, uppercase: true))")
            default: break
            }
        }
        return found.sorted()
    }

    /// Resident set size of `pid` in bytes (Linux `/proc/<pid>/status` VmRSS), nil when unreadable.
    public static func residentBytes(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return nil }
        return kb * 1024
    }
}
