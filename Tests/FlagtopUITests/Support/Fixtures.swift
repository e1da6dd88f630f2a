import FlagtopCore
@testable import FlagtopUI

/// Sample data and states for the UI tests.
enum Fixtures {
    static let fetchedAt = 1000.0

    static func toggle(_ name: String, _ fields: [(String, String)]) -> Toggle {
        Toggle(key: Array(name.utf8), name: name, fields: fields.map { Field($0.0, $0.1) })
    }

    static func session(_ id: String, ttl: Int?, _ fields: [(String, String)]) -> SessionContext {
        SessionContext(key: Array("session:\(id)".utf8), id: id, fields: fields.map { Field($0.0, $0.1) }, ttl: ttl)
    }

    static func error(_ id: String, _ fields: [(String, String)]) -> ErrorRecord {
        ErrorRecord(id: id, fields: fields.map { Field($0.0, $0.1) })
    }

    static func log(_ name: String, _ severity: String, _ time: String, _ message: String) -> LogEntry {
        LogEntry(name: name, severity: severity, time: time, message: message, timestamp: nil)
    }

    /// A normal deployment: one toggle of each state (ON, OFF, KILLED, INVALID) and a rollout.
    static var normalData: DashboardData {
        DashboardData(
            server: "127.0.0.1:6379/0", redisVersion: "7.0.15", searchBackend: "RediSearch 1.2",
            toggles: [
                toggle("useNewAlgorithm", [("toggle", "True"), ("releaseNum", "2.5"), ("fingerprint", "John S"), ("override", "fb-user")]),
                toggle("newCheckout", [
                    ("toggle", "False"), ("releaseNum", "3.1"), ("fingerprint", "Stephanie B,John S"),
                    ("killedAt", "1763752425"), ("killedBy", "ops@build-7"), ("killReason", "error spike"),
                ]),
                toggle("darkMode", [("toggle", "False"), ("releaseNum", "1.0"), ("fingerprint", "Ana K")]),
                toggle("fastPath", [("toggle", "True"), ("releaseNum", "3.2"), ("fingerprint", "Ana K"), ("rollout", "25"), ("stickiness", "email")]),
                toggle("searchV2", [("toggle", "maybe"), ("releaseNum", "4.0")]),
            ],
            errorStats: [
                "newCheckout": ToggleErrorStats(count: 42, buckets: [0, 0, 1, 3, 8, 12, 9, 5, 2, 1, 0, 0, 1, 0, 0]),
                "useNewAlgorithm": ToggleErrorStats(count: 3, buckets: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1]),
                "darkMode": ToggleErrorStats(count: 0, buckets: Array(repeating: 0, count: 15)),
            ],
            sessions: [
                session("4156e021:1234", ttl: 1797, [
                    ("name", "John Smith"), ("email", "john.smith@jsmith.com"), ("phone", "718-111-2222"),
                    ("authType", "fb-user"), ("creationTime", "Fri Apr 5 09:51:05 GMT-5"),
                ]),
                session("77aa01:5678", ttl: nil, [
                    ("name", "Jane Doe"), ("email", "jane@example.org"), ("authType", "google"), ("creationTime", "Fri Apr 5 10:02:11 GMT-5"),
                ]),
                session("99ff00:0001", ttl: 45, [("name", "Li Wei"), ("authType", "fb-user")]),
            ],
            sessionCount: 3,
            errors: ErrorSearchResult(total: 2, hits: [
                error("useNewAlgorithm:03-12-19-10-32-05", [
                    ("fingerPrint", "John S,Stephanie B"),
                    ("exceptionBody", "Exception in thread \"main\" java.lang.ArrayIndexOutOfBoundsException: 5 at Exceptions.Unchecked_Demo.main(Unchecked_Demo.java:8)"),
                    ("toggleValue", "True"), ("toggleName", "useNewAlgorithm"),
                ]),
                error("newCheckout:11-21-26-19-13-40", [
                    ("toggleName", "newCheckout"), ("toggleValue", "True"), ("fingerPrint", "Stephanie B"),
                    ("exceptionBody", "java.lang.NullPointerException: cart is null\n\tat Checkout.total(Checkout.java:42)\n\tat Checkout.pay(Checkout.java:17)"),
                ]),
            ]),
            errorQuery: "*",
            fingerprints: [FingerprintCount(name: "John S", count: 1), FingerprintCount(name: "Stephanie B", count: 2)],
            logs: [
                log("checkout", "info", "Sat Nov 21 19:13:01 2026", "cart created for session 4156e021:1234"),
                log("checkout", "warning", "Sat Nov 21 19:13:20 2026", "payment provider slow (1.8s)"),
                log("checkout", "error", "Sat Nov 21 19:13:40 2026", "NullPointerException in Checkout.total"),
                log("ops", "critical", "Sat Nov 21 19:13:45 2026", "newCheckout killed by ops@build-7: error spike"),
                log("search", "debug", "Sat Nov 21 19:13:50 2026", "query took 3 ms"),
            ],
            logNames: ["checkout", "ops", "search"],
            roundTripMillis: 0.42, fetchedAt: fetchedAt)
    }

    /// Strings an attacker (or a broken app) could put in Redis.
    static let hostileStrings: [String] = [
        "\u{1b}[31mred\u{1b}[0m alert",
        "\u{1b}]52;c;aGVsbG8gd29ybGQ=\u{07}clipboard",
        "admin\u{202E}fdp.exe\u{202C}",
        "\u{2066}isolate\u{2069}\u{200F}rtl",
        "機能フラグ切替テスト",
        "🚀 deploy 👨‍👩‍👧 family 🇺🇸 flag",
        "\u{301}leading accent",
        "\u{9b}31mC1 CSI",
        "two\nlines\tand tab\r",
        "bell\u{07}\u{7f}del",
        RedisBytes.decode([0xFF, 0xFE]) + " bytes",  // invalid UTF-8, as decoded from Redis
        String(repeating: "wide漢字", count: 40),
        "🇺",
        "\u{200B}zero\u{200D}width",
        "\u{0600}\u{0661} prepend",
    ]

    static func hostile(_ i: Int) -> String { hostileStrings[i % hostileStrings.count] }

    /// Data where every string the screen shows is hostile.
    static var hostileData: DashboardData {
        let n = hostileStrings.count
        return DashboardData(
            server: hostile(0) + "@host", redisVersion: hostile(1), searchBackend: hostile(4),
            toggles: (0..<n).map { i in
                toggle(hostile(i), [
                    ("toggle", i % 3 == 0 ? "True" : i % 3 == 1 ? "False" : hostile(i)), ("releaseNum", hostile(i + 1)),
                    ("fingerprint", hostile(i + 2)), ("override", hostile(i + 3)), ("killedAt", i % 2 == 0 ? hostile(i) : "1"),
                    (hostile(i + 4), hostile(i + 5)),
                ])
            },
            errorStats: [hostile(1): ToggleErrorStats(count: 7, buckets: [1, 5, 0, 2])],
            sessions: (0..<n).map { i in session(hostile(i), ttl: i * 97, [("name", hostile(i + 1)), ("authType", hostile(i + 2)), (hostile(i + 3), hostile(i + 4))]) },
            sessionCount: 10 * n,
            errors: ErrorSearchResult(total: n, hits: (0..<n).map { i in
                error(hostile(i), [("toggleName", hostile(i + 1)), ("fingerPrint", hostile(i + 2)), ("exceptionBody", hostile(i + 3) + "\n" + hostile(i + 4))])
            }),
            errorQuery: "*", errorQueryProblem: nil,
            fingerprints: (0..<n).map { FingerprintCount(name: hostile($0), count: $0) },
            logs: (0..<n).map { i in log(hostile(i), ["debug", "info", "warning", "error", "critical", hostile(i)][i % 6], hostile(i + 1), hostile(i + 2)) },
            logNames: hostileStrings, roundTripMillis: 1234.5, fetchedAt: fetchedAt)
    }

    /// What the writer reports with `hostileData`: denied, for a hostile reason.
    static var hostileAccess: WriteAccess { .denied(reason: hostile(2)) }

    /// A connected state showing `data`, one second after it arrived, with `access` as the writer reported it.
    static func state(
        width: Int, height: Int, data: DashboardData? = normalData, readOnly: String? = nil, access: WriteAccess = .allowed
    ) -> DashboardState {
        var state = DashboardState(
            width: width, height: height, interval: 2, themeName: "default",
            themeNames: ["default", "light", "high-contrast", "mono"], readOnlyReason: readOnly, now: fetchedAt)
        _ = DashboardReducer.reduce(&state, .connectionChanged(.connected))
        _ = DashboardReducer.reduce(&state, .writeAccessChanged(access))
        if let data { _ = DashboardReducer.reduce(&state, .dataArrived(data)) }
        _ = DashboardReducer.reduce(&state, .tick(now: fetchedAt + 1))
        return state
    }

    /// Sends keys one by one and returns every effect.
    @discardableResult
    static func press(_ state: inout DashboardState, _ keys: Key...) -> [DashboardEffect] {
        keys.flatMap { DashboardReducer.reduce(&state, .key($0)) }
    }

    /// Types a string as character keys.
    @discardableResult
    static func type(_ state: inout DashboardState, _ text: String) -> [DashboardEffect] {
        text.flatMap { DashboardReducer.reduce(&state, .key(.char($0))) }
    }
}
