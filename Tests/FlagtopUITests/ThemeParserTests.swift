import Testing

@testable import FlagtopUI

/// Parsing theme text: accepted layouts, and errors carrying the right line.
struct ThemeParserTests {
    @Test func inlineSubTableAndShorthandLayouts() throws {
        let source = """
            name = "mine"
            [roles]
            text = "bright_white"
            selection = { fg = "black", bg = 75, attrs = ["bold", "underline"] }
            [roles.killed]
            fg = "#ff0000"
            attrs = "reverse"
            """
        let theme = try ThemeParser.parse(source, fallbackName: "file")
        #expect(theme.name == "mine")
        #expect(theme[.text] == Style(fg: .indexed(15)))
        #expect(theme[.selection] == Style(fg: .indexed(0), bg: .indexed(75), attributes: [.bold, .underline]))
        #expect(theme[.killed] == Style(fg: .rgb(red: 255, green: 0, blue: 0), attributes: .reverse))
    }

    @Test func missingRolesFallBackToBuiltInDefault() throws {
        let theme = try ThemeParser.parse("[roles]\non = \"blue\"\n", fallbackName: "partial")
        #expect(theme.name == "partial")
        #expect(theme[.on] == Style(fg: .indexed(4)))
        #expect(theme[.on] != Theme.builtinDefault[.on])
        for role in ThemeRole.allCases where role != .on {
            #expect(theme[role] == Theme.builtinDefault[role])
        }
        #expect(try ThemeParser.parse("", fallbackName: "empty").styles == Theme.builtinDefault.styles)
    }

    @Test func dottedRoleKeysAtTopLevel() throws {
        let theme = try ThemeParser.parse("roles.error = { fg = 1 }\n", fallbackName: "dotted")
        #expect(theme[.error] == Style(fg: .indexed(1)))
    }

    @Test func syntaxErrorReportsTOMLKitLine() {
        let source = """
            name = "broken"
            [roles]
            text = { fg = "default" }
            selection = { fg = "black"
            on = "green"
            """
        #expect(lineOfError(source) == 4)
        let other = "[roles]\n\n\nerror = \"red\"\nwarning = = \"yellow\"\n"
        #expect(lineOfError(other) == 5)
    }

    @Test func badColourInInlineTableReportsItsLine() {
        let source = """
            # comment with selection = nothing
            name = "bad"
            [roles]
            text = { fg = "default" }
            on = { fg = "green" }
            off = { fg = "purplish", attrs = ["dim"] }
            """
        let error = parseError(source)
        #expect(error?.line == 6)
        #expect(error?.message.contains("purplish") == true)
        #expect(error?.message.contains("off.fg") == true)
    }

    @Test func badColourInSubTableReportsTheFieldLine() {
        let source = """
            [roles]
            text = "default"

            [roles.selection]
            fg = "black"
            bg = 300
            """
        let error = parseError(source)
        #expect(error?.line == 6)
        #expect(error?.message.contains("300") == true)
    }

    @Test func badColourTypeIsAnError() {
        #expect(parseError("[roles]\ntext = { fg = 1.5 }\n")?.line == 2)
        #expect(parseError("[roles]\ntext = { fg = true }\n")?.line == 2)
    }

    @Test func unknownRoleReportsItsLine() {
        let source = "name = \"x\"\n[roles]\ntext = \"red\"\nselekt = \"blue\"\n"
        let error = parseError(source)
        #expect(error?.line == 4)
        #expect(error?.message.contains("unknown role 'selekt'") == true)
    }

    @Test func unknownRoleAsSubTableHeaderReportsHeaderLine() {
        let source = "[roles]\ntext = \"red\"\n\n[roles.\"bogus role\"]\nfg = 1\n"
        #expect(parseError(source)?.line == 4)
    }

    @Test func unknownAttributeAndFieldAreErrors() {
        let attribute = parseError("[roles]\ntext = \"red\"\nkilled = { attrs = [\"bold\", \"blink\"] }\n")
        #expect(attribute?.line == 3)
        #expect(attribute?.message.contains("blink") == true)
        let field = parseError("[roles]\n[roles.on]\nfg = 2\nfgg = 3\n")
        #expect(field?.line == 4)
        #expect(field?.message.contains("fgg") == true)
        #expect(parseError("[roles]\non = { attrs = [1] }\n")?.line == 2)
    }

    @Test func unknownTopLevelKeysAndWrongShapesAreErrors() {
        #expect(parseError("name = \"x\"\n[role]\ntext = \"red\"\n")?.line == 2)
        #expect(parseError("roles = 5\n")?.line == 1)
        #expect(parseError("name = 5\n")?.line == 1)
        #expect(parseError("[roles]\ntext = [\"red\"]\n")?.line == 2)
    }

    @Test func earliestOfSeveralErrorsIsReported() {
        // TOMLKit hands keys back sorted, so `error` (line 4) is checked before `warning` (line 3).
        let source = "[roles]\ntext = \"red\"\nwarning = \"nope\"\nerror = \"also nope\"\n"
        let error = parseError(source)
        #expect(error?.line == 3)
        #expect(error?.message.contains("1 more problem") == true)
    }

    /// Each of these makes toml++ abort the process; the preflight must turn them into errors.
    @Test(arguments: [
        "[[[roles]]]", "[.a]", "[\n", "[ \r=", "[[ [a]]", "x = [1, }", "x = [\n}]", "x = 1979-05-27 1]",
        "x = [1979-05-27 1,", "x = 1979-05-27T:", "x = [\u{2028}]", "[\u{2028}a]",
    ])
    func inputsThatCrashTOMLKitAreSyntaxErrors(source: String) {
        let error = parseError(source)
        #expect(error?.line == 1 || error?.line == 2)
        #expect(error?.message.contains("syntax error") == true || error?.message.contains("unsupported value") == true)
    }

    @Test func preflightReportsItsLine() {
        #expect(parseError("[roles]\ntext = 1\n\n[[[x]]]\n")?.line == 4)
        #expect(parseError("name = \"\"\"a\nb\"\"\"\n[roles]\ntext = 1.5\n")?.line == 4)
        #expect(parseError("[roles]\ntext = { fg = 2024-01-01 }\n")?.message.contains("2024-01-01") == true)
    }

    @Test func preflightAcceptsWhatThemesUse() throws {
        let source =
            "\u{FEFF}# é in a comment\nname = \"é [\\\" # x\"\n[ roles ]\n\"text\" = { fg = +1_0, attrs = [\n  \"bold\", # c\n] }\n"
        let theme = try ThemeParser.parse(source, fallbackName: "x")
        #expect(theme.name == "é [\" # x")
        #expect(theme[.text] == Style(fg: .indexed(10), attributes: .bold))
    }

    private func parseError(_ source: String) -> ThemeFileError? {
        do {
            _ = try ThemeParser.parse(source, fallbackName: "test")
            return nil
        } catch {
            return error
        }
    }

    private func lineOfError(_ source: String) -> Int? {
        parseError(source)?.line
    }
}

/// The text scanner that finds where keys are written.
struct ThemeLineLocatorTests {
    @Test func findsKeysHeadersAndParents() {
        let source = """
            # [roles] in a comment
            name = "x" # trailing = comment
            [ roles ]
            text = { fg = "a=b" }
            "quoted.key" = 1
            [roles . on]
            fg = 2
            [[list]]
            item = 3
            """
        let locator = TOMLLineLocator(source: source)
        #expect(locator.line(of: ["name"]) == 2)
        #expect(locator.line(of: ["roles"]) == 3)
        #expect(locator.line(of: ["roles", "text"]) == 4)
        #expect(locator.line(of: ["roles", "text", "fg"]) == 4)
        #expect(locator.line(of: ["roles", "quoted.key"]) == 5)
        #expect(locator.line(of: ["roles", "on"]) == 6)
        #expect(locator.line(of: ["roles", "on", "fg"]) == 7)
        #expect(locator.line(of: ["list", "item"]) == 9)
        #expect(locator.line(of: ["nothing"]) == nil)
    }
}
