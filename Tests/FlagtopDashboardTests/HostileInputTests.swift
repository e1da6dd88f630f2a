import FlagtopCore
import FlagtopTestSupport
import Foundation
import Testing

/// A person (or a cat) at the keyboard of the real binary in tmux: odd queries, resize storms, a 1×1
/// terminal and 10,000 random keys never crash it and never write without a `y`.
@Suite(.serialized) struct HostileInputTests {
    static func seeded() throws -> TestServer {
        let server = try TestServer()
        _ = try server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5", "fingerprint", "John S", "override", "fb-user"])
        _ = try server.redisCLI(["HSET", "checkoutV2", "toggle", "False", "fingerprint", "alice"])
        _ = try server.redisCLI(["HSET", "session:s1", "name", "Ann", "authType", "fb-user"])
        _ = try server.redisCLI(["LPUSH", "recent:checkout:info", "Sat Nov 21 19:13:45 2026 order 17"])
        _ = try server.redisCLI(["FT.CREATE", "toggle_errors_db", "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT", "fingerPrint", "TEXT", "exceptionBody", "TEXT"])
        _ = try server.redisCLI(["FT.ADD", "toggle_errors_db", "useNewAlgorithm:01-01-26-00-00-00", "1.0", "FIELDS", "toggleName", "useNewAlgorithm",
                             "toggleValue", "True", "fingerPrint", "John S", "exceptionBody", "ValueError: boom"])
        return server
    }

    static func dashboard(_ server: TestServer, width: Int = 160, height: Int = 48) throws -> (TmuxSession, Int32) {
        let tmux = try TmuxSession(command: "\(FlagtopBinary.path) dashboard --interval 1", width: width, height: height,
                                   environment: ["FLAGTOP_REDIS_URL": server.url])
        let shown = tmux.waitFor(timeout: 20) { $0.contains("useNewAlgorithm") }
        try #require(shown.ok, "dashboard never started:\n\(shown.screen)")
        return (tmux, try #require(tmux.programPID()))
    }

    @Test func everyASCIISpecialCharacterAndA10KBQueryInTheErrorsPane() throws {
        let server = try Self.seeded()
        let (tmux, pid) = try Self.dashboard(server)
        let specials = Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
        var failures = 0
        tmux.send("3")
        for c in specials.map(String.init) + [String(specials), "@toggleName:{", "(a|", "-", "~~", "\"unclosed"] {
            tmux.send("/")
            tmux.send("C-u")
            tmux.sendBytes(Array(c.utf8)) // as bytes: tmux reads a lone ";" argument as a command separator
            tmux.send("Enter")
            // This query's own answer: its text on the query line and no search in flight.
            let shown = "query: " + String(c.prefix(20))
            let answered = tmux.waitFor(timeout: 5) { screen in
                screen.contains(shown) && !screen.contains("searching…") && (screen.contains("hits") || screen.contains("✗"))
            }
            #expect(answered.ok, "no answer to query \(c):\n\(answered.screen)")
            if answered.screen.contains("✗") { failures += 1 }
            #expect(kill(pid, 0) == 0, "flagtop died on query \(c)")
        }
        #expect(failures > 0, "no query produced an error message")
        let long = String((0..<10_240).map { i in specials[i % specials.count] })
        tmux.send("/")
        tmux.send("C-u")
        tmux.sendBytes(Array(long.utf8))
        tmux.send("Enter")
        usleep(1_000_000)
        #expect(kill(pid, 0) == 0, "flagtop died on the 10 KB query")
        tmux.send("Escape")
        tmux.send("q")
        let exited = tmux.waitFor(timeout: 10) { $0.contains("[exited 0]") }
        #expect(exited.ok, "did not quit after the queries:\n\(exited.screen)")
    }

    @Test func hundredResizesInTwoSecondsThenOneByOneAndQuit() throws {
        let server = try Self.seeded()
        let (tmux, pid) = try Self.dashboard(server)
        let started = Date()
        for i in 0..<100 {
            tmux.resize(width: 20 + (i * 37) % 180, height: 3 + (i * 11) % 60)
        }
        let took = Date().timeIntervalSince(started)
        #expect(kill(pid, 0) == 0, "flagtop died while resizing")
        tmux.resize(width: 160, height: 48)
        let back = tmux.waitFor(timeout: 5) { $0.contains("useNewAlgorithm") && $0.contains("Toggles") }
        #expect(back.ok, "no redraw after the storm:\n\(back.screen)")
        #expect(took < 2, "100 resizes took \(took) s")
        tmux.resize(width: 1, height: 1)
        usleep(500_000)
        #expect(kill(pid, 0) == 0, "flagtop died at 1x1")
        tmux.send("q")
        usleep(500_000)
        tmux.resize(width: 80, height: 24)
        let exited = tmux.waitFor(timeout: 10) { $0.contains("[exited 0]") }
        #expect(exited.ok, "q at 1x1 did not exit 0:\n\(exited.screen)")
    }

    /// Keys a session may get, without `y` (the only confirm), `q`, Ctrl-C, Ctrl-Z and Ctrl-\ (which end it).
    static func randomKeys(count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SeededGenerator(seed: seed)
        let named: [[UInt8]] = [[0x0D], [0x1B], [0x09], [0x1B, 0x5B, 0x5A], [0x1B, 0x5B, 0x41], [0x1B, 0x5B, 0x42], [0x1B, 0x5B, 0x43],
                                [0x1B, 0x5B, 0x44], [0x1B, 0x5B, 0x35, 0x7E], [0x1B, 0x5B, 0x36, 0x7E], [0x7F], [0x08]]
        let banned: Set<UInt8> = [UInt8(ascii: "y"), UInt8(ascii: "q"), 0x03, 0x1A, 0x1C]
        let plain = (UInt8(0)...UInt8(0x7E)).filter { !banned.contains($0) }
        return (0..<count).map { _ in
            let r = rng.next()
            return r % 4 == 0 ? named[Int(r / 4 % UInt64(named.count))] : [plain[Int(r / 4 % UInt64(plain.count))]]
        }
    }

    @Test func tenThousandRandomKeysWithoutYChangeNothing() throws {
        let server = try Self.seeded()
        let (tmux, pid) = try Self.dashboard(server)
        func snapshot() throws -> String {
            try server.redisCLI(["HGETALL", "useNewAlgorithm"]) + server.redisCLI(["HGETALL", "checkoutV2"])
                + server.redisCLI(["KEYS", "flagtop:audit*"]) + server.redisCLI(["SMEMBERS", "flagtop:toggles"])
        }
        usleep(1_500_000) // let discovery register the toggles first
        let before = try snapshot()
        let keys = Self.randomKeys(count: 10_000, seed: 0xF1A6_70B)
        for batch in stride(from: 0, to: keys.count, by: 250) {
            tmux.sendBytes(keys[batch..<min(batch + 250, keys.count)].flatMap { $0 })
            #expect(kill(pid, 0) == 0, "flagtop died after \(batch) keys")
        }
        usleep(1_500_000)
        #expect(kill(pid, 0) == 0, "flagtop died")
        #expect(try snapshot() == before, "data changed without a y")
        #expect(try server.redisCLI(["KEYS", "flagtop:audit*"]) == "\n")
        tmux.send("Escape")
        tmux.send("Escape")
        tmux.send("C-c")
        let exited = tmux.waitFor(timeout: 10) { $0.contains("[exited 0]") }
        #expect(exited.ok, "Ctrl-C did not quit after the random keys:\n\(exited.screen)")
    }
}
