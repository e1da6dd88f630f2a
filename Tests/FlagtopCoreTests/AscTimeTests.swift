import FlagtopCore
import Foundation
import Testing

/// Python's `time.asctime()` format: `Sat Nov 21 19:13:45 2026`, single-digit days padded with a space.
@Suite struct AscTimeTests {
    @Test func singleDigitDayIsSpacePadded() {
        let s = Fixtures.seconds(2019, 4, 5, 9, 51, 5)
        #expect(AscTime.format(s) == "Fri Apr  5 09:51:05 2019")
    }

    @Test func twoDigitDay() {
        let s = Fixtures.seconds(2026, 11, 21, 19, 13, 45)
        #expect(AscTime.format(s) == "Sat Nov 21 19:13:45 2026")
    }

    @Test func midnightAndNewYear() {
        #expect(AscTime.format(Fixtures.seconds(2024, 1, 1, 0, 0, 0)) == "Mon Jan  1 00:00:00 2024")
        #expect(AscTime.format(Fixtures.seconds(2023, 12, 31, 23, 59, 59)) == "Sun Dec 31 23:59:59 2023")
    }

    @Test func alwaysTwentyFourCharacters() {
        for day in 1...28 {
            #expect(AscTime.format(Fixtures.seconds(2025, 2, day, 7, 8, 9)).count == 24)
        }
    }

    @Test func parseSpacePadded() {
        #expect(AscTime.parse("Fri Apr  5 09:51:05 2019") == Fixtures.seconds(2019, 4, 5, 9, 51, 5))
        #expect(AscTime.parse("Sat Nov 21 19:13:45 2026") == Fixtures.seconds(2026, 11, 21, 19, 13, 45))
    }

    @Test func roundTrip() {
        var s = Fixtures.seconds(2020, 2, 29, 12, 0, 0)
        for _ in 0..<200 {
            #expect(AscTime.parse(AscTime.format(s)) == s)
            s += 86_400 + 3_671  // walks across days, months and a DST change in most zones
        }
    }

    @Test(arguments: ["", "yesterday", "Fri Apr  5 09:51 2019", "Xyz Apr  5 09:51:05 2019", "Fri Foo  5 09:51:05 2019", "Fri Apr  5 aa:51:05 2019"])
    func rejectsNonAscTime(text: String) {
        #expect(AscTime.parse(text) == nil)
    }

    @Test func splitEntry() {
        let (time, message, seconds) = AscTime.split("Fri Apr  5 09:51:05 2019 order 17 served by the new code")
        #expect(time == "Fri Apr  5 09:51:05 2019")
        #expect(message == "order 17 served by the new code")
        #expect(seconds == Fixtures.seconds(2019, 4, 5, 9, 51, 5))
    }

    @Test func splitEntryWithoutTimeKeepsAllAsMessage() {
        let (time, message, seconds) = AscTime.split("no time here, just a rather long message text")
        #expect(time == "")
        #expect(message == "no time here, just a rather long message text")
        #expect(seconds == nil)
    }
}

/// A reused parser (one mktime per local hour) gives what mktime gives for every string.
@Suite struct AscTimeParserTests {
    @Test func reusedParserMatchesFormatRoundTripOverAYear() {
        var parser = AscTimeParser()
        var generator = SystemRandomNumberGenerator()
        let start = Fixtures.seconds(2026, 1, 1, 0, 0, 0)
        // Random instants over a year (any DST change in the local zone included), several per hour bucket.
        for _ in 0..<5_000 {
            let t = start + Int.random(in: 0..<(366 * 86_400), using: &generator)
            let text = AscTime.format(t)
            #expect(parser.parse(text) == t, "\(text)")
        }
    }

    @Test func rejectsWhatTheOldParserRejected() {
        var parser = AscTimeParser()
        #expect(parser.parse("Sat Nov 21 19:13 2026") == nil)
        #expect(parser.parse("Xyz Nov 21 19:13:45 2026") == nil)
        #expect(parser.parse("Sat Foo 21 19:13:45 2026") == nil)
        #expect(parser.parse("Sat Nov 21 19:13:45 99999999999999999999") == nil)
        #expect(parser.parse("") == nil)
    }
}
