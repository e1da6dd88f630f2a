import Foundation
import TOMLKit
import Testing

@testable import FlagtopUI

/// The theme files in Themes/ and the built-in constants.
struct ThemeShippedFilesTests {
    @Test(arguments: ThemeTestSupport.shippedNames)
    func shippedFileParsesWithEveryRole(name: String) throws {
        let url = ThemeTestSupport.shippedThemesDirectory.appendingPathComponent("\(name).toml")
        let source = try String(contentsOf: url, encoding: .utf8)
        // Every role is written out in the file, not filled in from the fallback.
        let roles = try #require(try TOMLTable(string: source)["roles"]?.table)
        #expect(Set(roles.keys) == Set(ThemeRole.allCases.map(\.rawValue)))

        let theme = try ThemeParser.parse(source, fallbackName: "unused")
        #expect(theme.name == name)
        #expect(theme.styles.count == ThemeRole.allCases.count)

        let (loaded, warnings) = ThemeLoader.load(
            nameOrPath: name, environment: [:], searchDirectories: [ThemeTestSupport.shippedThemesDirectory])
        #expect(warnings.isEmpty)
        #expect(loaded == theme)
    }

    @Test func defaultFileMatchesBuiltInConstant() throws {
        let source = try String(
            contentsOf: ThemeTestSupport.shippedThemesDirectory.appendingPathComponent("default.toml"), encoding: .utf8)
        let theme = try ThemeParser.parse(source, fallbackName: "x")
        for role in ThemeRole.allCases {
            #expect(theme[role] == Theme.builtinDefault[role], "role \(role.rawValue)")
        }
        #expect(theme == Theme.builtinDefault)
    }

    @Test func monoFileMatchesBuiltInConstantAndHasNoColour() throws {
        let source = try String(
            contentsOf: ThemeTestSupport.shippedThemesDirectory.appendingPathComponent("mono.toml"), encoding: .utf8)
        let theme = try ThemeParser.parse(source, fallbackName: "x")
        #expect(theme == Theme.mono)
        for role in ThemeRole.allCases {
            #expect(!theme[role].usesColor, "role \(role.rawValue)")
        }
        // Mono must still tell the important roles apart from plain text.
        for role in [ThemeRole.selection, .killed, .statusBad, .borderFocused, .muted] {
            #expect(!theme[role].attributes.isEmpty, "role \(role.rawValue)")
        }
    }

    @Test func builtInConstantsHaveEveryRole() {
        #expect(Theme.builtinDefault.styles.count == ThemeRole.allCases.count)
        #expect(Theme.mono.styles.count == ThemeRole.allCases.count)
    }

    /// No shipped theme makes text vanish by mapping fg and bg to the same colour at any depth.
    @Test(arguments: ThemeTestSupport.shippedNames)
    func shippedThemesKeepForegroundAndBackgroundApart(name: String) throws {
        let url = ThemeTestSupport.shippedThemesDirectory.appendingPathComponent("\(name).toml")
        let theme = try ThemeParser.parse(try String(contentsOf: url, encoding: .utf8), fallbackName: name)
        for depth in [ColorDepth.c8, .c16, .c256] {
            for role in ThemeRole.allCases
            where theme[role].foreground != .default && theme[role].background != .default {
                let fg = theme[role].foreground.cursesIndex(for: depth)
                let bg = theme[role].background.cursesIndex(for: depth)
                #expect(fg != bg, "\(name) \(role.rawValue) at \(depth)")
            }
        }
    }

    @Test func everyShippedThemeIsListed() {
        let names = ThemeLoader.availableThemes(
            environment: [:], searchDirectories: [ThemeTestSupport.shippedThemesDirectory])
        #expect(Set(names) == Set(ThemeTestSupport.shippedNames))
        #expect(names.first == "default")
    }
}
