import FlagtopCore
import RedisClient
import Testing

@Suite struct SmallestKeysTests {
    /// Agrees with a full sort on random keys of random lengths, for several counts.
    @Test(arguments: [0, 1, 5, 200, 5000])
    func matchesAFullSort(count: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(count + 1)
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let keys = (0..<3000).map { _ in (0..<Int(next() % 12)).map { _ in UInt8(next() % 256) } }
        let expected = Array(keys.sorted { $0.lexicographicallyPrecedes($1) }.prefix(count))
        #expect(SmallestKeys.select(keys, count: count) == expected)
    }
}

/// The scanner keeps its smallest keys up to date as SCAN replies arrive and keys are forgotten.
@Suite struct SessionScannerSmallestTests {
    func reply(cursor: String, _ keys: [[UInt8]]) -> RedisReply {
        .array([.bulk(Array(cursor.utf8)), .array(keys.map { .bulk($0) })])
    }

    @Test func incrementalWindowMatchesAFullSelection() throws {
        var generator = SystemRandomNumberGenerator()
        var scanner = SessionScanner(settings: FlagtopSettings(endpoint: RedisEndpoint(address: .unix(path: "/nonexistent")), actor: "t"))
        let randomKey = { (g: inout SystemRandomNumberGenerator) -> [UInt8] in Array("session:\(UInt32.random(in: 0..<50_000, using: &g))".utf8) }
        _ = scanner.smallestKeys(20)  // asked for before any key arrives, then kept up to date
        for step in 0..<60 {
            let keys = (0..<Int.random(in: 0...40, using: &generator)).map { _ in randomKey(&generator) }
            try scanner.absorb(reply(cursor: step % 20 == 19 ? "0" : "\(step + 1)", keys))
            if step % 7 == 3, let victim = scanner.smallestKeys(20).randomElement(using: &generator) {
                scanner.forget([victim])
            }
            #expect(scanner.smallestKeys(20) == SmallestKeys.select(scanner.keys, count: 20), "step \(step)")
        }
        #expect(scanner.smallestKeys(5) == SmallestKeys.select(scanner.keys, count: 5))
    }
}
