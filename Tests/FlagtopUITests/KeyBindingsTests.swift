import Testing
@testable import FlagtopUI

@Suite struct KeyBindingsTests {
    static var contexts: [KeyContext] {
        Pane.allCases.map { KeyContext.main($0) } + OverlayKind.allCases.map { KeyContext.overlay($0) }
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in Self.contexts {
            var seen: [Key: String] = [:]
            for binding in KeyBindings.all where binding.applies(in: context) {
                for key in binding.keys {
                    #expect(seen[key] == nil, "\(key.label) bound to \(seen[key] ?? "") and \(binding.description) in \(context)")
                    seen[key] = binding.description
                }
            }
        }
    }

    @Test func specKeysAreBoundWhereTheSpecSays() {
        let expectations: [(Key, KeyContext, DashboardAction)] = [
            (.tab, .main(.toggles), .focusNext), (.backTab, .main(.logs), .focusPrevious),
            (.char("1"), .main(.logs), .focusPane), (.char("4"), .main(.toggles), .focusPane),
            (.char("j"), .main(.sessions), .moveDown), (.down, .main(.sessions), .moveDown),
            (.char("k"), .main(.errors), .moveUp), (.up, .main(.errors), .moveUp),
            (.char("g"), .main(.toggles), .top), (.char("G"), .main(.toggles), .bottom),
            (.pageUp, .main(.logs), .pageUp), (.pageDown, .main(.logs), .pageDown),
            (.enter, .main(.toggles), .openDetail), (.escape, .overlay(.detail), .close),
            (.char("/"), .main(.toggles), .filter), (.char("/"), .main(.errors), .editQuery),
            (.char("f"), .main(.errors), .browseFingerprints),
            (.char("K"), .main(.toggles), .kill), (.char("R"), .main(.toggles), .restore),
            (.char("y"), .overlay(.confirm), .confirm),
            (.char("s"), .main(.logs), .cycleSeverity), (.char("F"), .main(.logs), .toggleFollow),
            (.char("p"), .main(.errors), .togglePause), (.char("r"), .main(.errors), .refresh),
            (.char("+"), .main(.toggles), .slower), (.char("-"), .main(.toggles), .faster),
            (.char("t"), .main(.toggles), .cycleTheme), (.char("?"), .main(.toggles), .help),
            (.char("q"), .main(.toggles), .quit), (.ctrl("c"), .overlay(.input), .quit), (.ctrl("c"), .overlay(.reason), .quit),
        ]
        for (key, context, action) in expectations {
            #expect(KeyBindings.binding(for: key, in: context)?.action == action, "\(key.label) in \(context)")
        }
        #expect(KeyBindings.binding(for: .char("q"), in: .overlay(.input)) == nil)
        #expect(KeyBindings.binding(for: .char("K"), in: .main(.sessions)) == nil)
        #expect(KeyBindings.binding(for: .char("n"), in: .overlay(.confirm)) == nil)
    }

    @Test func onlyKillRestoreAndConfirmAreDangerous() {
        let dangerous = Set(KeyBindings.all.filter(\.dangerous).map(\.action))
        #expect(dangerous == [.kill, .restore, .confirm])
    }

    @Test func markdownTableListsEveryKey() {
        let table = KeyBindings.markdownTable()
        let rows = table.split(separator: "\n")
        #expect(rows.first == "| Keys | Where | Does |")
        #expect(rows.count == KeyBindings.all.count + 2)
        for binding in KeyBindings.all {
            #expect(table.contains(binding.description))
            for key in binding.keys { #expect(table.contains("`\(key.label)`")) }
        }
        #expect(table.contains("`Ctrl-C`") && table.contains("`Shift-Tab`") && table.contains("`PgDn`"))
    }

    @Test func helpScreenShowsEveryBindingAndGreysDangerousOnesWhenReadOnly() {
        let state = Fixtures.state(width: 120, height: 40, readOnly: "--read-only")
        let lines = HelpOverlay.lines(state, width: 80)
        let text = lines.map { $0.map(\.text).joined() }
        for binding in KeyBindings.all {
            let row = lines.first { line in line.map(\.text).joined().contains(binding.description) }
            #expect(row != nil, "\(binding.description)")
            if binding.dangerous { #expect(row?.allSatisfy { $0.role == .muted } == true, "\(binding.description)") }
        }
        #expect(text.contains { $0.contains("off — read-only: --read-only") })
        let writable = HelpOverlay.lines(Fixtures.state(width: 120, height: 40), width: 80)
        let kill = writable.first { $0.map(\.text).joined().contains("kill the selected toggle") }
        #expect(kill?.contains { $0.role == .muted } == false)
    }

    @Test func footerShowsTheFocusedPanesKeys() {
        let toggles = KeyBindings.footerBindings(in: .main(.toggles)).compactMap(\.footer)
        #expect(toggles.contains("K kill") && toggles.contains("/ filter") && !toggles.contains("s severity"))
        let logs = KeyBindings.footerBindings(in: .main(.logs)).compactMap(\.footer)
        #expect(logs.contains("s severity") && logs.contains("F follow") && !logs.contains("K kill"))
        let errors = KeyBindings.footerBindings(in: .main(.errors)).compactMap(\.footer)
        #expect(errors.contains("/ query") && errors.contains("f fingerprints"))
    }

    @Test func rawControlBytesNormalise() {
        #expect(Key.char("\u{3}").normalized == .ctrl("c"))
        #expect(Key.ctrl("C").normalized == .ctrl("c"))
        #expect(Key.char("\r").normalized == .enter)
        #expect(Key.char("\u{7f}").normalized == .backspace)
        #expect(Key.char("\u{1b}").normalized == .escape)
        #expect(Key.char("\u{1b}").typedCharacter == nil)
        #expect(Key.char("q").typedCharacter == "q")
    }
}

