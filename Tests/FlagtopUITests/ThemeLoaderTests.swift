import Foundation
import Testing

@testable import FlagtopUI

/// Finding and loading themes: names, paths, user directory, NO_COLOR and broken files.
struct ThemeLoaderTests {
    let shipped = [ThemeTestSupport.shippedThemesDirectory]

    @Test func noThemeRequestedGivesDefault() {
        let (theme, warnings) = ThemeLoader.load(nameOrPath: nil, environment: [:], searchDirectories: shipped)
        #expect(theme == Theme.builtinDefault)
        #expect(warnings.isEmpty)
        #expect(
            ThemeLoader.load(nameOrPath: "  ", environment: [:], searchDirectories: []).theme == Theme.builtinDefault)
    }

    @Test func noColorSelectsMono() {
        let (theme, warnings) = ThemeLoader.load(
            nameOrPath: nil, environment: ["NO_COLOR": "1"], searchDirectories: shipped)
        #expect(theme == Theme.mono)
        #expect(warnings.isEmpty)
        for role in ThemeRole.allCases {
            #expect(!theme[role].usesColor)
        }
    }

    @Test func emptyNoColorIsIgnored() {
        let (theme, _) = ThemeLoader.load(nameOrPath: nil, environment: ["NO_COLOR": ""], searchDirectories: shipped)
        #expect(theme == Theme.builtinDefault)
    }

    @Test func explicitThemeOverridesNoColor() {
        let (theme, warnings) = ThemeLoader.load(
            nameOrPath: "light", environment: ["NO_COLOR": "1"], searchDirectories: shipped)
        #expect(theme.name == "light")
        #expect(warnings.isEmpty)
    }

    @Test func brokenExplicitThemeUnderNoColorFallsBackToMono() throws {
        try ThemeTestSupport.withTemporaryDirectory { dir in
            let file = try ThemeTestSupport.write("[roles\n", to: "bad.toml", in: dir)
            let (theme, warnings) = ThemeLoader.load(
                nameOrPath: file.path, environment: ["NO_COLOR": "1"], searchDirectories: [])
            #expect(theme == Theme.mono)
            #expect(warnings.count == 1)
        }
    }

    @Test func userDirectoryTakesPrecedenceOverShipped() throws {
        try ThemeTestSupport.withTemporaryDirectory { config in
            try ThemeTestSupport.write(
                "name = \"users-light\"\n[roles]\non = \"blue\"\n", to: "flagtop/themes/light.toml", in: config)
            try ThemeTestSupport.write("[roles]\non = 200\n", to: "flagtop/themes/extra.toml", in: config)
            let environment = ["XDG_CONFIG_HOME": config.path, "HOME": "/nonexistent"]

            let (light, warnings) = ThemeLoader.load(
                nameOrPath: "light", environment: environment, searchDirectories: shipped)
            #expect(light.name == "users-light")
            #expect(light[.on] == Style(fg: .indexed(4)))
            #expect(warnings.isEmpty)

            let (extra, _) = ThemeLoader.load(nameOrPath: "extra", environment: environment, searchDirectories: shipped)
            #expect(extra.name == "extra")
            #expect(extra[.on] == Style(fg: .indexed(200)))

            // Without the user directory the shipped light theme is found.
            let (shippedLight, _) = ThemeLoader.load(nameOrPath: "light", environment: [:], searchDirectories: shipped)
            #expect(shippedLight.name == "light")

            let names = ThemeLoader.availableThemes(environment: environment, searchDirectories: shipped)
            #expect(names == ["default", "extra", "high-contrast", "light", "mono"])
        }
    }

    @Test func homeConfigIsUsedWithoutXDGConfigHome() throws {
        try ThemeTestSupport.withTemporaryDirectory { home in
            try ThemeTestSupport.write("[roles]\ntext = 33\n", to: ".config/flagtop/themes/homey.toml", in: home)
            for environment in [["HOME": home.path], ["HOME": home.path, "XDG_CONFIG_HOME": "relative/ignored"]] {
                let (theme, warnings) = ThemeLoader.load(
                    nameOrPath: "homey", environment: environment, searchDirectories: [])
                #expect(theme[.text] == Style(fg: .indexed(33)))
                #expect(warnings.isEmpty)
            }
        }
    }

    @Test func searchDirectoriesAreTriedInOrder() throws {
        try ThemeTestSupport.withTemporaryDirectory { dir in
            let first = dir.appendingPathComponent("first")
            let second = dir.appendingPathComponent("second")
            try ThemeTestSupport.write("name = \"one\"\n", to: "t.toml", in: first)
            try ThemeTestSupport.write("name = \"two\"\n", to: "t.toml", in: second)
            #expect(
                ThemeLoader.load(nameOrPath: "t", environment: [:], searchDirectories: [first, second]).theme.name
                    == "one")
            #expect(
                ThemeLoader.load(nameOrPath: "t", environment: [:], searchDirectories: [second, first]).theme.name
                    == "two")
        }
    }

    @Test func loadsByPath() throws {
        try ThemeTestSupport.withTemporaryDirectory { dir in
            let file = try ThemeTestSupport.write("[roles]\nerror = \"magenta\"\n", to: "sub/custom.toml", in: dir)
            let (theme, warnings) = ThemeLoader.load(
                nameOrPath: file.path, environment: [:], searchDirectories: shipped)
            #expect(theme.name == "custom")
            #expect(theme[.error] == Style(fg: .indexed(5)))
            #expect(warnings.isEmpty)

            let (home, _) = ThemeLoader.load(
                nameOrPath: "~/sub/custom.toml", environment: ["HOME": dir.path], searchDirectories: [])
            #expect(home[.error] == Style(fg: .indexed(5)))
        }
    }

    @Test func missingPathWarnsAndUsesDefault() {
        let (theme, warnings) = ThemeLoader.load(
            nameOrPath: "/nonexistent/flagtop/nothing.toml", environment: [:], searchDirectories: shipped)
        #expect(theme == Theme.builtinDefault)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("/nonexistent/flagtop/nothing.toml") == true)
    }

    @Test func unknownNameWarnsAndListsAvailable() {
        let (theme, warnings) = ThemeLoader.load(nameOrPath: "solarized", environment: [:], searchDirectories: shipped)
        #expect(theme == Theme.builtinDefault)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("solarized") == true)
        #expect(warnings.first?.contains("high-contrast") == true)
    }

    @Test func builtInNamesWorkWithoutThemeFiles() {
        #expect(ThemeLoader.load(nameOrPath: "mono", environment: [:], searchDirectories: []).theme == Theme.mono)
        #expect(
            ThemeLoader.load(nameOrPath: "default", environment: [:], searchDirectories: []).theme
                == Theme.builtinDefault)
        #expect(ThemeLoader.availableThemes(environment: [:], searchDirectories: []) == ["default", "mono"])
    }

    @Test func syntaxErrorGivesDefaultAndWarningWithFileAndLine() throws {
        try ThemeTestSupport.withTemporaryDirectory { dir in
            let source = "name = \"oops\"\n[roles]\ntext = \"red\"\non = { fg = \"green\"\noff = \"blue\"\n"
            try ThemeTestSupport.write(source, to: "oops.toml", in: dir)
            let (theme, warnings) = ThemeLoader.load(nameOrPath: "oops", environment: [:], searchDirectories: [dir])
            #expect(theme == Theme.builtinDefault)
            #expect(warnings.count == 1)
            #expect(warnings.first?.contains("oops.toml") == true)
            #expect(warnings.first?.contains("line 4") == true)
        }
    }

    @Test func badColourGivesDefaultAndWarningWithFileAndLine() throws {
        try ThemeTestSupport.withTemporaryDirectory { dir in
            let source = "name = \"c\"\n\n[roles]\ntext = \"red\"\nmuted = 244\nwarning = { fg = \"#ffd75\" }\n"
            let file = try ThemeTestSupport.write(source, to: "colours.toml", in: dir)
            let (theme, warnings) = ThemeLoader.load(nameOrPath: file.path, environment: [:], searchDirectories: [])
            #expect(theme == Theme.builtinDefault)
            #expect(warnings.count == 1)
            #expect(warnings.first?.contains("colours.toml") == true)
            #expect(warnings.first?.contains("line 6") == true)
            #expect(warnings.first?.contains("#ffd75") == true)
        }
    }

    @Test func unknownRoleGivesDefaultAndWarningWithFileAndLine() throws {
        try ThemeTestSupport.withTemporaryDirectory { dir in
            try ThemeTestSupport.write("[roles]\ntext = \"red\"\nsidebar = \"blue\"\n", to: "roles.toml", in: dir)
            let (theme, warnings) = ThemeLoader.load(nameOrPath: "roles", environment: [:], searchDirectories: [dir])
            #expect(theme == Theme.builtinDefault)
            #expect(warnings.count == 1)
            #expect(warnings.first?.contains("roles.toml") == true)
            #expect(warnings.first?.contains("line 3") == true)
            #expect(warnings.first?.contains("sidebar") == true)
        }
    }

    @Test func hostileFilesNeverCrash() throws {
        try ThemeTestSupport.withTemporaryDirectory { dir in
            try Data([0xff, 0xfe, 0x00, 0x80, 0x5b]).write(to: dir.appendingPathComponent("binary.toml"))
            try ThemeTestSupport.write("name = \"a\u{0}b\"\n", to: "nul.toml", in: dir)
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent("folder.toml"), withIntermediateDirectories: true)
            try ThemeTestSupport.write(String(repeating: "[", count: 5000), to: "deep.toml", in: dir)
            for name in ["binary", "nul", "folder", "deep", "../etc", "a\u{1b}b", ".hidden"] {
                let (theme, warnings) = ThemeLoader.load(nameOrPath: name, environment: [:], searchDirectories: [dir])
                #expect(theme == Theme.builtinDefault, "\(name)")
                #expect(warnings.count == 1, "\(name)")
            }
            // A directory named like a theme is not offered for cycling.
            #expect(!ThemeLoader.availableThemes(environment: [:], searchDirectories: [dir]).contains("folder"))
        }
    }

    @Test func pathDetection() {
        #expect(ThemeLoader.isPath("./x"))
        #expect(ThemeLoader.isPath("x.toml"))
        #expect(ThemeLoader.isPath("/abs/theme"))
        #expect(!ThemeLoader.isPath("high-contrast"))
    }
}
