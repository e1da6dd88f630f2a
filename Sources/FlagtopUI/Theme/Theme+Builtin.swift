// The themes compiled into the binary, so the dashboard works without the Themes folder.
// Themes/default.toml and Themes/mono.toml hold the same values; a test keeps them equal.

extension Theme {
    /// Names of the themes that exist even with no theme files.
    public static let builtinNames = ["default", "mono"]

    /// The built-in theme called `name`, if there is one.
    public static func builtin(named name: String) -> Theme? {
        switch name {
        case "default": return builtinDefault
        case "mono": return mono
        default: return nil
        }
    }

    /// The default theme: for dark and light terminals alike, on the terminal's own background.
    public static let builtinDefault = Theme(
        name: "default",
        styles: [
            .text: Style(),
            .muted: Style(fg: .indexed(245)),
            .border: Style(fg: .indexed(240)),
            .borderFocused: Style(fg: hex(0x5fafff), attributes: .bold),
            .title: Style(fg: named("bright_white"), attributes: .bold),
            .selection: Style(fg: named("black"), bg: hex(0x5fafff), attributes: .bold),
            .on: Style(fg: hex(0x5fd75f)),
            .off: Style(fg: hex(0x949494)),
            .killed: Style(fg: named("bright_red"), attributes: [.bold, .reverse]),
            .debug: Style(fg: hex(0x8787af)),
            .info: Style(fg: hex(0x5fd7ff)),
            .warning: Style(fg: hex(0xffd75f)),
            .error: Style(fg: hex(0xff5f5f)),
            .critical: Style(fg: named("bright_white"), bg: hex(0xd70000), attributes: .bold),
            .header: Style(fg: named("bright_white"), bg: hex(0x303030), attributes: .bold),
            .statusOK: Style(fg: hex(0x5fd75f), attributes: .bold),
            .statusBad: Style(fg: named("bright_white"), bg: hex(0xd70000), attributes: .bold),
        ],
        fallback: [:]
    )

    /// The monochrome theme: terminal colours only, meaning carried by attributes (NO_COLOR, no colour support).
    public static let mono = Theme(
        name: "mono",
        styles: [
            .text: Style(),
            .muted: Style(attributes: .dim),
            .border: Style(),
            .borderFocused: Style(attributes: .bold),
            .title: Style(attributes: .bold),
            .selection: Style(attributes: .reverse),
            .on: Style(attributes: .bold),
            .off: Style(attributes: .dim),
            .killed: Style(attributes: [.bold, .underline]),
            .debug: Style(attributes: .dim),
            .info: Style(),
            .warning: Style(attributes: .bold),
            .error: Style(attributes: .bold),
            .critical: Style(attributes: [.bold, .reverse]),
            .header: Style(attributes: .reverse),
            .statusOK: Style(),
            .statusBad: Style(attributes: [.bold, .reverse]),
        ],
        fallback: [:]
    )

    private static func hex(_ value: UInt32) -> TerminalColor {
        .rgb(red: UInt8(value >> 16 & 0xff), green: UInt8(value >> 8 & 0xff), blue: UInt8(value & 0xff))
    }

    private static func named(_ name: String) -> TerminalColor {
        .indexed(UInt8(TerminalColor.ansiNames.firstIndex(of: name) ?? 7))
    }
}
