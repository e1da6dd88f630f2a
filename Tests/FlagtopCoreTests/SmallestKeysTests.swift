import FlagtopCore
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
