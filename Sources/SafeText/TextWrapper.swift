/// Greedy word wrapping by display width, one paragraph at a time (used by `DisplayWidth.wrap`).
struct TextWrapper {
    let width: Int
    private(set) var lines: [String] = []
    private var line: [(character: Character, width: Int)] = []
    private var lineWidth = 0
    /// Index in `line` of the last space that follows some text: the preferred break.
    private var lastSpace: Int?
    /// After a soft break, spaces are dropped until the next word starts.
    private var skippingSpaces = false

    init(width: Int) {
        self.width = width
    }

    mutating func wrap(_ paragraph: Substring) {
        line = []
        lineWidth = 0
        lastSpace = nil
        skippingSpaces = false
        let linesBefore = lines.count
        for original in paragraph {
            var character = original
            var w = DisplayWidth.of(character)
            if w > width {
                character = "…"
                w = 1
            }
            add(character, width: w)
        }
        if !line.isEmpty || lines.count == linesBefore { emit(line[...]) }
    }

    private mutating func add(_ character: Character, width w: Int) {
        let isSpace = character == " "
        if isSpace && skippingSpaces { return }
        skippingSpaces = false
        if lineWidth + w <= width {
            if isSpace && line.contains(where: { $0.character != " " }) { lastSpace = line.count }
            line.append((character, w))
            lineWidth += w
            return
        }
        if isSpace {
            emit(line[...])
            startLine(with: [])
            skippingSpaces = true
            return
        }
        if let space = lastSpace {
            emit(line[..<space])
            startLine(with: Array(line[(space + 1)...].drop(while: { $0.character == " " })))
            if lineWidth + w <= width {
                line.append((character, w))
                lineWidth += w
                return
            }
        }
        if !line.isEmpty { emit(line[...]) }
        startLine(with: [(character, w)])
    }

    private mutating func startLine(with cells: [(character: Character, width: Int)]) {
        line = cells
        lineWidth = cells.reduce(0) { $0 + $1.width }
        lastSpace = nil
    }

    /// Appends a finished line without its trailing spaces.
    private mutating func emit(_ cells: ArraySlice<(character: Character, width: Int)>) {
        var end = cells.endIndex
        while end > cells.startIndex && cells[end - 1].character == " " { end -= 1 }
        lines.append(String(cells[..<end].map(\.character)))
    }
}
