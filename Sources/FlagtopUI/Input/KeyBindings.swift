/// The one binding table. It drives the reducer's dispatch, the `?` help screen, the footer
/// and the README's key list (`markdownTable()`); nothing else maps keys to actions.
///
/// Order matters only for display; `KeyBindingsTests` checks that no key is bound twice in one context.
public enum KeyBindings {
    private static let lists: [KeyScope] = [.main, .overlay(.help), .overlay(.detail), .overlay(.fingerprints)]
    private static let closable: [KeyScope] = [.overlay(.help), .overlay(.detail), .overlay(.fingerprints), .overlay(.message)]
    private static let typing: [KeyScope] = [.overlay(.reason), .overlay(.input)]

    public static let all: [KeyBinding] = [
        // Anywhere.
        KeyBinding([.ctrl("c")], .quit, "quit, even while typing or in a box", scopes: [.anywhere]),
        KeyBinding([.ctrl("z")], .suspend, "suspend to the shell (fg resumes)", scopes: [.anywhere]),

        // Main screen, any pane.
        KeyBinding([.tab], .focusNext, "focus the next pane", scopes: [.main], footer: "Tab pane"),
        KeyBinding([.backTab], .focusPrevious, "focus the previous pane", scopes: [.main]),
        KeyBinding(
            Pane.allCases.map { .char(Character(String($0.number))) }, label: "1–\(Pane.allCases.count)", .focusPane,
            "focus " + Pane.allCases.map(\.title).joined(separator: ", "), scopes: [.main]),
        KeyBinding([.char("j"), .down], .moveDown, "move down (scroll in views)", scopes: lists, footer: "j/k move"),
        KeyBinding([.char("k"), .up], .moveUp, "move up (in Recent logs: stops following)", scopes: lists),
        KeyBinding([.char("g"), .home], .top, "first row", scopes: lists),
        KeyBinding([.char("G"), .end], .bottom, "last row (in Recent logs: follow again)", scopes: lists),
        KeyBinding([.pageUp], .pageUp, "page up", scopes: lists),
        KeyBinding([.pageDown], .pageDown, "page down", scopes: lists),
        KeyBinding([.enter], .openDetail, "open the selected row's detail", scopes: [.main], footer: "Enter detail"),
        KeyBinding([.escape], .clear, "clear the pane's filter, then the message", scopes: [.main]),
        KeyBinding([.char("p")], .togglePause, "pause or resume refreshing", scopes: [.main], footer: "p pause"),
        KeyBinding([.char("r")], .refresh, "refresh now", scopes: [.main]),
        KeyBinding([.char("+"), .char("=")], .slower, "refresh less often (longer interval)", scopes: [.main]),
        KeyBinding([.char("-")], .faster, "refresh more often (shorter interval)", scopes: [.main]),
        KeyBinding([.char("t")], .cycleTheme, "next colour theme", scopes: [.main]),
        KeyBinding([.char("?"), .function(1)], .help, "this help", scopes: [.main], footer: "? help"),
        KeyBinding([.char("q")], .quit, "quit", scopes: [.main] + closable, footer: "q quit"),

        // Toggles pane.
        KeyBinding([.char("/")], .filter, "filter the list (substring, any case)", scopes: [.pane(.toggles), .pane(.sessions), .pane(.logs)], footer: "/ filter"),
        KeyBinding([.char("K")], .kill, "kill the selected toggle (confirm box)", scopes: [.pane(.toggles)], dangerous: true, footer: "K kill"),
        KeyBinding([.char("R")], .restore, "restore the selected toggle (confirm box)", scopes: [.pane(.toggles)], dangerous: true, footer: "R restore"),

        // Errors pane.
        KeyBinding([.char("/")], .editQuery, "edit the RediSearch query", scopes: [.pane(.errors)], footer: "/ query"),
        KeyBinding([.char("f")], .browseFingerprints, "browse errors by fingerprint (developer)", scopes: [.pane(.errors)], footer: "f fingerprints"),

        // Recent logs pane.
        KeyBinding([.char("s")], .cycleSeverity, "cycle the severity filter (all, debug+ … critical)", scopes: [.pane(.logs)], footer: "s severity"),
        KeyBinding([.char("F")], .toggleFollow, "follow new lines (like tail -f) on or off", scopes: [.pane(.logs)], footer: "F follow"),

        // Views that close.
        KeyBinding([.escape], .close, "close", scopes: closable, footer: "Esc close"),
        KeyBinding([.char("?")], .close, "close the help", scopes: [.overlay(.help)]),
        KeyBinding([.enter], .close, "close", scopes: [.overlay(.detail), .overlay(.message)]),
        KeyBinding([.enter], .applyFingerprint, "search the errors of this developer", scopes: [.overlay(.fingerprints)], footer: "Enter search"),
        KeyBinding([], label: "any other key", .close, "close the message", scopes: [.overlay(.message)]),

        // The confirm box.
        KeyBinding([.char("y")], .confirm, "confirm: write to Redis", scopes: [.overlay(.confirm)], dangerous: true, footer: "y confirm"),
        KeyBinding([.char("e"), .tab], .editReason, "type an optional reason (Enter ends it)", scopes: [.overlay(.confirm)], footer: "e reason"),
        KeyBinding([], label: "any other key", .cancel, "cancel: nothing is written", scopes: [.overlay(.confirm)], footer: "other keys cancel"),

        // Typing.
        KeyBinding([.enter, .tab, .escape], .finishEditing, "end the reason (back to the box)", scopes: [.overlay(.reason)], footer: "Enter done"),
        KeyBinding([.enter], .applyInput, "apply (in Errors: run the query)", scopes: [.overlay(.input)], footer: "Enter apply"),
        KeyBinding([.escape], .cancelInput, "cancel and keep the previous text", scopes: [.overlay(.input)], footer: "Esc cancel"),
        KeyBinding([.backspace], .deleteBackward, "delete the last character", scopes: typing),
        KeyBinding([.ctrl("u")], .clearText, "clear the text", scopes: typing, footer: "Ctrl-U clear"),
        KeyBinding([], label: "other keys", .typeText, "type text (q and y included)", scopes: typing),
    ]

    /// The binding that answers `key` in `context` (pane bindings before main-screen ones), if any.
    public static func binding(for key: Key, in context: KeyContext) -> KeyBinding? {
        let key = key.normalized
        let candidates = all.filter { $0.matches(key, in: context) }
        if case .main(let pane) = context, let specific = candidates.first(where: { $0.scopes.contains(.pane(pane)) }) {
            return specific
        }
        return candidates.first
    }

    /// The bindings the footer shows in `context`: the pane's (or overlay's) first, then main-screen ones.
    public static func footerBindings(in context: KeyContext) -> [KeyBinding] {
        let shown = all.filter { $0.footer != nil && $0.applies(in: context) && !$0.scopes.contains(.anywhere) }
        let specific = shown.filter { b in !b.scopes.contains(.main) }
        let general = shown.filter { b in b.scopes.contains(.main) }
        return specific + general
    }
}
