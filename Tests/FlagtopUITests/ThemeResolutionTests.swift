import Testing

@testable import FlagtopUI

/// Turning a theme into ncurses colours and attributes for a given depth.
struct ThemeResolutionTests {
    @Test func defaultThemeAt256And16And8() {
        // selection is black on #5fafff: #5fafff is cube (1,3,5) = 75, ANSI 12 at 16, cyan 6 at 8.
        let theme = Theme.builtinDefault
        #expect(
            theme.resolved(for: .c256)[.selection] == ResolvedStyle(foreground: 0, background: 75, attributes: .bold))
        #expect(
            theme.resolved(for: .c16)[.selection] == ResolvedStyle(foreground: 0, background: 12, attributes: .bold))
        #expect(theme.resolved(for: .c8)[.selection] == ResolvedStyle(foreground: 0, background: 6, attributes: .bold))
        #expect(theme.resolved(for: .c256)[.text] == ResolvedStyle(foreground: -1, background: -1, attributes: []))
    }

    @Test func monoResolutionHasNoColours() {
        for theme in [Theme.builtinDefault, Theme.mono, highContrast()] {
            let resolved = theme.resolved(for: .none)
            #expect(resolved.depth == .none)
            for role in ThemeRole.allCases {
                #expect(resolved[role].foreground == -1, "\(theme.name) \(role.rawValue)")
                #expect(resolved[role].background == -1, "\(theme.name) \(role.rawValue)")
            }
        }
    }

    @Test func colourThemesGainMonoAttributesWithoutColour() {
        let resolved = Theme.builtinDefault.resolved(for: .none)
        #expect(resolved[.selection].attributes.contains(.reverse))
        #expect(resolved[.killed].attributes.isSuperset(of: [.bold, .underline]))
        #expect(resolved[.statusBad].attributes.isSuperset(of: [.bold, .reverse]))
        #expect(resolved[.borderFocused].attributes.contains(.bold))
        #expect(resolved[.muted].attributes.contains(.dim))
        // Text used no colour, so it gains nothing.
        #expect(resolved[.text].attributes == [])
    }

    @Test func monoThemeKeepsExactlyItsAttributes() {
        let resolved = Theme.mono.resolved(for: .none)
        #expect(resolved[.selection].attributes == .reverse)
        #expect(resolved[.killed].attributes == [.bold, .underline])
        #expect(resolved[.statusBad].attributes == [.bold, .reverse])
        #expect(resolved[.text].attributes == [])
    }

    @Test func collapsedColoursFallBackToAttributes() {
        // red (1) on #ff0000: distinct at 16 (1 on 9) but both red (1) at 8 colours.
        let theme = Theme(name: "clash", styles: [.on: Style(fg: .indexed(1), bg: .rgb(red: 255, green: 0, blue: 0))])
        #expect(theme.resolved(for: .c16)[.on] == ResolvedStyle(foreground: 1, background: 9, attributes: []))
        let at8 = theme.resolved(for: .c8)[.on]
        #expect(at8.foreground == -1)
        #expect(at8.background == -1)
        #expect(at8.attributes == Theme.mono[.on].attributes)
        #expect(!at8.attributes.isEmpty)
    }

    @Test func pairNumbersAreDistinctAndStartAtOne() {
        let pairs = ThemeRole.allCases.map(ResolvedTheme.pairNumber(for:))
        #expect(Set(pairs).count == ThemeRole.allCases.count)
        #expect(pairs.min() == 1)
        #expect(pairs.max() == ThemeRole.allCases.count)
    }

    private func highContrast() -> Theme {
        ThemeLoader.load(
            nameOrPath: "high-contrast", environment: [:], searchDirectories: [ThemeTestSupport.shippedThemesDirectory]
        ).theme
    }
}
