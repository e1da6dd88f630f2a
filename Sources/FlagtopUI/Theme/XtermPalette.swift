/// The standard xterm palette: RGB values for indexes 0–255 and nearest-colour search.
/// Used to map theme colours down to what the terminal has, deterministically.
public enum XtermPalette {
    /// An sRGB triple, 0–255 per channel.
    public struct RGB: Sendable, Hashable {
        public var red: Int
        public var green: Int
        public var blue: Int

        public init(_ red: Int, _ green: Int, _ blue: Int) {
            self.red = red
            self.green = green
            self.blue = blue
        }

        /// Spread between the strongest and weakest channel; small for greys.
        var chroma: Int { max(red, green, blue) - min(red, green, blue) }

        /// Squared Euclidean distance; enough to rank candidates, no square root needed.
        func distanceSquared(to other: RGB) -> Int {
            let dr = red - other.red
            let dg = green - other.green
            let db = blue - other.blue
            return dr * dr + dg * dg + db * db
        }
    }

    /// xterm's defaults for the 16 ANSI colours (xterm's `XTerm-col.ad`).
    static let ansi: [RGB] = [
        RGB(0x00, 0x00, 0x00), RGB(0xcd, 0x00, 0x00), RGB(0x00, 0xcd, 0x00), RGB(0xcd, 0xcd, 0x00),
        RGB(0x00, 0x00, 0xee), RGB(0xcd, 0x00, 0xcd), RGB(0x00, 0xcd, 0xcd), RGB(0xe5, 0xe5, 0xe5),
        RGB(0x7f, 0x7f, 0x7f), RGB(0xff, 0x00, 0x00), RGB(0x00, 0xff, 0x00), RGB(0xff, 0xff, 0x00),
        RGB(0x5c, 0x5c, 0xff), RGB(0xff, 0x00, 0xff), RGB(0x00, 0xff, 0xff), RGB(0xff, 0xff, 0xff),
    ]

    /// The six channel levels of the 6×6×6 cube (indexes 16–231).
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm shows for a palette index; indexes outside 0–255 are clamped.
    public static func rgb(ofIndex index: Int) -> RGB {
        let index = min(max(index, 0), 255)
        switch index {
        case 0..<16:
            return ansi[index]
        case 16..<232:
            let cube = index - 16
            return RGB(cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        default:
            let level = 8 + 10 * (index - 232)
            return RGB(level, level, level)
        }
    }

    /// Colours whose chroma is below this count as grey when mapping to 8 or 16 colours.
    static let neutralChromaLimit = 32

    /// The nearest of the first `count` (8 or 16) ANSI colours.
    /// Greys only consider the ANSI greys (black, white, bright black, bright white): by plain distance a
    /// mid grey such as #808080 is nearer xterm's yellow (#cdcd00) than its white (#e5e5e5), and muted
    /// grey text turning yellow would read as a warning.
    public static func nearestANSIIndex(to rgb: RGB, count: Int) -> Int {
        let top = min(max(count, 1), 16) - 1
        if rgb.chroma < neutralChromaLimit {
            return nearestIndex(to: rgb, among: [0, 7, 8, 15].filter { $0 <= top })
        }
        return nearestIndex(to: rgb, among: 0...top)
    }

    /// The index in `candidates` whose colour is nearest to `rgb`; ties go to the earliest candidate.
    public static func nearestIndex(to rgb: RGB, among candidates: some Sequence<Int>) -> Int {
        var best = 0
        var bestDistance = Int.max
        for index in candidates {
            let distance = rgb.distanceSquared(to: self.rgb(ofIndex: index))
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }
}
