import FlagtopCore
import FlagtopUI
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
}

private extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
