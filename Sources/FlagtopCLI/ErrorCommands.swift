import ArgumentParser
import FlagtopCore
import Foundation

/// `flagtop errors …`: the error database.
struct ErrorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errors",
        abstract: "Search, report and count errors in the error database.",
        subcommands: [ErrorsSearchCommand.self, ErrorsReportCommand.self, ErrorsFingerprintsCommand.self]
    )
}

struct ErrorsSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search errors (RediSearch query syntax; filters are escaped).")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "RediSearch query (default: everything).") var query: String = ""
    @Option(name: .long, help: "Only errors fingerprinted with this developer name.") var fingerprint: String?
    @Option(name: .long, help: "Only errors of this toggle.") var toggle: String?
    @Option(name: .long, help: "Hits per page.") var limit = 20
    @Option(name: .long, help: "Hits to skip.") var offset = 0
    @Flag(name: .long, help: "Print JSON.") var json = false

    func validate() throws {
        try NumericOption.check("--limit", limit, in: 1...10_000)
        try NumericOption.check("--offset", offset, in: 0...1_000_000_000)
    }

    func run() throws {
        var context = try CommandContext(options)
        let database = try context.errorDatabase()
        // The table shows each exception's first line: list rows carry a bounded head, not whole bodies.
        let result = try database.search(ErrorQuery(text: query, fingerprint: fingerprint, toggle: toggle, limit: limit, offset: offset),
                                         on: context.connection, rows: json ? .full : .list)
        if json { Terminal.print(JSON.search(result).encoded); return }
        Terminal.print("\(result.total) error\(result.total == 1 ? "" : "s")" + (result.total > result.hits.count ? " (showing \(offset + 1)-\(offset + result.hits.count))" : ""))
        var table = Table("ID", "TOGGLE", "FINGERPRINT", "EXCEPTION")
        table.maxColumnWidth = 100
        for hit in result.hits { table.add([hit.id, hit.toggleName ?? "", hit.fingerPrint ?? "", hit.firstLine]) }
        Terminal.print(table.render())
    }
}

struct ErrorsReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Store an error with the toggle's current value and fingerprint.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Toggle whose code raised the error.") var toggle: String
    @Argument(help: "The exception text, or - to read it from stdin.") var message: String = "-"
    @Option(name: .long, help: "Session id the error happened in.") var session: String?
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        var context = try CommandContext(options)
        var body = message
        if message == "-" {
            body = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            if body.hasSuffix("\n") { body.removeLast() }
        }
        guard !body.isEmpty else { throw CLIFailure("empty error message") }
        var database = try context.errorDatabase()
        database.layout = try database.ensureIndex(on: context.connection)
        let id = try database.report(ErrorReport(toggleName: toggle, exceptionBody: body, sessionId: session), on: context.connection)
        if json { Terminal.print(JSON.object([("id", .string(id))]).encoded) } else { Terminal.print("stored \(Terminal.safe(id))") }
    }
}

struct ErrorsFingerprintsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fingerprints", abstract: "Error counts by developer name.")
    @OptionGroup var options: GlobalOptions
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        var context = try CommandContext(options)
        let counts = try context.errorDatabase().fingerprints(on: context.connection)
        if json {
            Terminal.print(JSON.array(counts.map { .object([("name", .string($0.name)), ("count", .int($0.count))]) }).encoded)
            return
        }
        var table = Table("DEVELOPER", "ERRORS")
        for c in counts { table.add([c.name, String(c.count)]) }
        Terminal.print(table.render())
    }
}
