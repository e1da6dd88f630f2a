import CCurses
import FlagtopUI

/// The one place that talks to ncurses: draws a `CellGrid` with a resolved theme and decodes key presses.
/// Everything it draws already went through the grid's sanitising `write`, so no Redis byte reaches the
/// terminal raw. Only the UI thread may use it.
final class CursesScreen {
    private(set) var active = false
    private var theme: ResolvedTheme?
    /// The theme's attribute bits per role, by `ThemeRole.ordinal`.
    private var roleBits = [UInt32](repeating: 0, count: ThemeRole.allCases.count)
    /// The bits of each `CellAttributes` value (four flags: sixteen entries).
    private let cellBits: [UInt32] = (0..<16).map { CursesScreen.bits(CellAttributes(rawValue: UInt8($0))) }
    /// Scalars of the run being drawn, kept to reuse its storage.
    private var buffer: [UInt32] = []
    /// The grid on the terminal now, nil when unknown (start, theme change).
    private var shown: CellGrid?

    /// The terminal's colour depth (mono when it has no colours or NO_COLOR asked for none).
    private(set) var depth: ColorDepth = .none

    func start() -> Bool {
        guard !active else { return true }
        guard flagtop_nc_start() == 0 else { return false }
        active = true
        depth = ColorDepth(colorCount: Int(flagtop_nc_colors()), hasColors: flagtop_nc_has_colors())
        return true
    }

    func stop() {
        guard active else { return }
        active = false
        flagtop_nc_stop()
    }

    /// Suspends the process like `Ctrl-Z` in a shell (raw mode turns it into a key): the terminal is
    /// restored, the process stops until `fg`, then curses mode returns and the next `draw` writes every cell.
    func suspend() {
        guard active else { return }
        flagtop_nc_suspend()
        shown = nil
    }

    var size: (width: Int, height: Int) { (Int(flagtop_nc_cols()), Int(flagtop_nc_lines())) }

    /// Installs a theme: one colour pair per role.
    func apply(_ resolved: ResolvedTheme) {
        theme = resolved
        shown = nil
        for role in ThemeRole.allCases {
            let style = resolved[role]
            let pair = ResolvedTheme.pairNumber(for: role)
            if resolved.depth != .none, pair < Int(flagtop_nc_color_pairs()) {
                _ = flagtop_nc_init_pair(Int32(pair), Int32(style.foreground), Int32(style.background))
            }
            roleBits[role.ordinal] = Self.bits(style.attributes)
        }
    }

    private static func bits(_ a: TextAttributes) -> UInt32 {
        var bits: UInt32 = 0
        if a.contains(.bold) { bits |= flagtop_nc_attr_bold() }
        if a.contains(.dim) { bits |= flagtop_nc_attr_dim() }
        if a.contains(.reverse) { bits |= flagtop_nc_attr_reverse() }
        if a.contains(.underline) { bits |= flagtop_nc_attr_underline() }
        if a.contains(.italic) { bits |= flagtop_nc_attr_italic() }
        return bits
    }

    private static func bits(_ a: CellAttributes) -> UInt32 {
        var bits: UInt32 = 0
        if a.contains(.bold) { bits |= flagtop_nc_attr_bold() }
        if a.contains(.dim) { bits |= flagtop_nc_attr_dim() }
        if a.contains(.reverse) { bits |= flagtop_nc_attr_reverse() }
        if a.contains(.underline) { bits |= flagtop_nc_attr_underline() }
        return bits
    }

    /// Draws the grid in runs of equal style, writing only the rows that differ from the last grid
    /// drawn; ncurses then sends the terminal only the cells that changed. Nothing is erased or
    /// touched, so an unchanged screen costs a row comparison and no output.
    func draw(_ grid: CellGrid) {
        guard active else { return }
        let (cols, rows) = size
        let height = min(grid.height, rows)
        let width = min(grid.width, cols)
        let previous = shown.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        var changed = false
        for y in 0..<height where previous.map({ !$0.rowEquals(y, in: grid) }) ?? true {
            drawRow(grid, y: y, width: width, isLastLine: y == rows - 1 && width >= cols)
            changed = true
        }
        shown = grid
        if changed { flagtop_nc_refresh() }
    }

    /// Forgets what the terminal shows, so the next `draw` writes every cell.
    func invalidate() { shown = nil }

    private func drawRow(_ grid: CellGrid, y: Int, width: Int, isLastLine: Bool) {
        let colour = (theme?.depth ?? .none) != .none
        var run = buffer
        buffer = []
        defer { buffer = run }
        var x = 0
        while x < width {
            let (role, attrs) = grid.style(x: x, y: y)
            let runStart = x
            run.removeAll(keepingCapacity: true)
            x = grid.appendRun(y: y, from: x, before: width, to: &run)
            // The last cell of the screen must not be written (it would scroll some terminals).
            if isLastLine && x >= width, !run.isEmpty { run.removeLast() }
            let bits = roleBits[role.ordinal] | cellBits[Int(attrs.rawValue & 0xF)]
            let pair = colour ? Int32(role.ordinal + 1) : 0
            run.withUnsafeBufferPointer { scalars in
                scalars.withMemoryRebound(to: wchar_t.self) { text in
                    flagtop_nc_put(Int32(y), Int32(runStart), text.baseAddress, Int32(text.count), bits, pair)
                }
            }
        }
    }

    /// The terminal hung up (closed pty, dropped SSH session).
    var terminalGone: Bool { flagtop_nc_terminal_gone() }

    /// The next key, waiting at most `timeoutMillis`; nil when none came.
    func readKey(timeoutMillis: Int) -> Key? {
        var ch: UInt32 = 0
        let status = flagtop_nc_read(Int32(timeoutMillis), &ch)
        if status < 0 { return nil }
        if status == 1 {
            // After a resize ncurses' copy of the screen was cut or padded: draw every cell again.
            if Int32(bitPattern: ch) == flagtop_nc_key_resize() { shown = nil }
            return Self.functionKey(Int32(bitPattern: ch))
        }
        guard let scalar = Unicode.Scalar(ch) else { return nil }
        return Key.char(Character(scalar)).normalized
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case flagtop_nc_key_resize():
            // ncurses has already resized its screens; calling resizeterm again would queue another KEY_RESIZE.
            return .resize(width: Int(flagtop_nc_cols()), height: Int(flagtop_nc_lines()))
        case flagtop_nc_key_up(): return .up
        case flagtop_nc_key_down(): return .down
        case flagtop_nc_key_left(): return .left
        case flagtop_nc_key_right(): return .right
        case flagtop_nc_key_home(): return .home
        case flagtop_nc_key_end(): return .end
        case flagtop_nc_key_ppage(): return .pageUp
        case flagtop_nc_key_npage(): return .pageDown
        case flagtop_nc_key_btab(): return .backTab
        case flagtop_nc_key_enter(): return .enter
        case flagtop_nc_key_backspace(): return .backspace
        case flagtop_nc_key_dc(): return .delete
        default:
            for n in 1...12 where code == flagtop_nc_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }
}
