import ArgumentParser
import FlagtopCore
import Foundation

/// `flagtop log NAME MESSAGE`: the seeds' `log_recent`.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Write a recent-log line (LPUSH + LTRIM 0 99, as the seeds' log_recent).")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Log name (escapes as shown by `flagtop logs`: \\\\, \\n, \\xNN, \\u{…}).", transform: EscapedText.parse) var name: String
    @Argument(help: "Message.") var message: String
    @Option(name: .long, help: "debug, info, warning, error, critical, 10-50, or any word.") var severity = "info"
    @Flag(name: .long, help: "Print the line written, as JSON (the log entry shape of `logs --json`).") var json = false

    func run() throws {
        let context = try CommandContext(options)
        guard !context.settings.readOnly else { throw FlagtopError.readOnly }
        let time = AscTime.now()
        let normalized = Severity.normalize(severity)
        try RecentLogs().log(name: name, message: message, severity: normalized, time: time, on: context.connection)
        if json {
            // Built from the bytes pushed, so it is exactly what `logs --json` will read back.
            Terminal.printJSON(JSON.log(RecentLogs.entry(name: name, severity: normalized, raw: Array((time + " " + message).utf8))))
        }
    }
}

/// `flagtop logs NAME`: a name's severities merged newest first; `--follow` keeps printing new lines.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Read recent logs merged across severities; without NAME, list log names.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Log name (omit to list names; escapes as shown: \\\\, \\n, \\xNN, \\u{…}).", transform: EscapedText.parse) var name: String?
    @Option(name: .long, help: "Only this severity.") var severity: String?
    @Flag(name: .long, help: "Keep printing new lines as they arrive (oldest first), until interrupted.") var follow = false
    @Option(name: .long, help: "Seconds between polls with --follow (0.05-3600).") var interval = 0.5
    @Flag(name: .long, help: "Print JSON (one object per line with --follow).") var json = false

    func validate() throws {
        try NumericOption.check("--interval", interval, in: 0.05...3600, unit: "seconds")
    }

    func run() throws {
        let context = try CommandContext(options)
        let logs = RecentLogs()
        guard let name else {
            let names = try logs.names(on: context.connection)
            if json {
                Terminal.printJSON(JSON.array(names.keys.sorted().map { .object([("name", .string($0)), ("severities", .array(names[$0]!.map(JSON.string)))]) }))
            } else {
                var table = Table("NAME", "SEVERITIES")
                for n in names.keys.sorted() { table.add([n, names[n]!.joined(separator: ",")]) }
                Terminal.print(table.render())
            }
            return
        }
        let severities: [String]
        if let severity { severities = [Severity.normalize(severity)] } else {
            let known = (try? logs.names(on: context.connection)[name]) ?? []
            severities = Array(Set(Severity.standard).union(known)).sorted { Severity.rank($0) < Severity.rank($1) || ($0 < $1 && Severity.rank($0) == Severity.rank($1)) }
        }
        let fetch = logs.fetchLists(name: name, severities: severities)
        var lists = try fetch.run(on: context.connection)
        let entries = RecentLogs.mergeNewestFirst(lists)
        if !follow {
            if json { Terminal.printJSON(JSON.array(entries.map(JSON.log))) } else { for e in entries { print(e) } }
            return
        }
        for e in entries.reversed() { json ? Terminal.printJSON(JSON.log(e)) : print(e) }
        while true {
            usleep(UInt32(interval * 1_000_000))
            guard let latest = poll(fetch, context) else { continue }
            // New lines are found per severity list; the merged view reorders lines of the same second.
            for e in RecentLogs.newEntries(oldLists: lists, newLists: latest).reversed() { json ? Terminal.printJSON(JSON.log(e)) : print(e) }
            lists = latest
        }
    }

    /// One poll; a failure is noted and following goes on (through a restart or a blip).
    private func poll(_ fetch: Fetch<[[LogEntry]]>, _ context: CommandContext) -> [[LogEntry]]? {
        do { return try fetch.run(on: context.connection) } catch {
            Terminal.note(error.description)
            return nil
        }
    }

    /// One line: time, severity, name, message. Every part comes from Redis (the severity from the key
    /// `recent:<name>:<severity>`), so every part is sanitised.
    private func print(_ e: LogEntry) {
        let time = e.time.isEmpty ? "-" : Terminal.safe(e.time)
        Terminal.print("\(time) \(Terminal.safe(e.severity.uppercased())) \(Terminal.name(e.name)): \(Terminal.safe(e.message))")
    }
}
