import FlagtopCore
@testable import FlagtopUI
import Testing

/// Dashboard cells show look-alike strings differently: a no-break space, a real newline and the two characters
/// backslash-n, a byte of invalid UTF-8 and the text of its escape (the cell text goes through `Sanitizer`).
@Suite struct LookAlikeCellTests {
    func shown(_ text: String) -> String {
        var grid = CellGrid(width: 30, height: 1)
        grid.write(text, x: 0, y: 0)
        return grid.lines[0].trimmingTrailingSpaces
    }

    @Test func lookAlikesDrawDifferently() {
        let texts = ["be ta", "be\u{A0}ta", "be\u{2009}ta", "be\nta", "be\\nta", "be" + RedisBytes.decode([0xFF]) + "ta", "be\\xffta"]
        let drawn = texts.map(shown)
        #expect(Set(drawn).count == texts.count, "\(drawn)")
        #expect(drawn == ["be ta", "be\\u{00A0}ta", "be\\u{2009}ta", "be\\nta", "be\\\\nta", "be\\xffta", "be\\\\xffta"])
    }

    /// Names in the Toggles, Sessions and Recent logs panes: a trailing or leading space is shown (`\x20`), so
    /// `beta`, `beta ` and ` beta` are three different rows on screen; the two characters `\x20` in a name show
    /// with a doubled backslash and stay apart from a real space.
    @Test func namesWithSpacesAtTheirEndsDrawDifferently() {
        let names = ["beta", "beta ", " beta", "beta\\x20"]
        var data = Fixtures.normalData
        data.toggles = names.map { Fixtures.toggle($0, [("toggle", "True")]) }
        data.sessions = names.map { Fixtures.session($0, ttl: nil, [("name", "n")]) }
        data.logs = names.map { Fixtures.log($0, "info", "Sat Nov 21 19:13:45 2026", "m") }
        let screen = DashboardRenderer.render(Fixtures.state(width: 160, height: 48, data: data)).lines.joined(separator: "\n")
        for shownName in ["beta\\x20", "\\x20beta", "beta\\\\x20"] {
            #expect(screen.contains(shownName), "\(shownName) not on screen:\n\(screen)")
        }
        #expect(Span(name: "beta ").text == "beta\\x20")
        #expect(TextMeasure.width(Span(name: "beta ")) == 8)
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
