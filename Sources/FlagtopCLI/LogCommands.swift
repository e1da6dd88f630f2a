import ArgumentParser
import FlagtopCore
import Foundation

/// `flagtop log NAME MESSAGE`: the seeds' `log_recent`.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Write a recent-log line (LPUSH + LTRIM 0 99, as the seeds' log_recent).")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Log name.") var name: String
    @Argument(help: "Message.") var message: String
    @Option(name: .long, help: "debug, info, warning, error, critical, 10-50, or any word.") var severity = "info"

    func run() throws {
        let context = try CommandContext(options)
        guard !context.settings.readOnly else { throw FlagtopError.readOnly }
        try RecentLogs().log(name: name, message: message, severity: severity, on: context.connection)
    }
}

/// `flagtop logs NAME`: a name's severities merged newest first; `--follow` keeps printing new lines.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Read recent logs merged across severities; without NAME, list log names.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Log name (omit to list names).") var name: String?
    @Option(name: .long, help: "Only this severity.") var severity: String?
    @Flag(name: .long, help: "Keep printing new lines as they arrive (oldest first), until interrupted.") var follow = false
    @Option(name: .long, help: "Seconds between polls with --follow.") var interval = 0.5
    @Flag(name: .long, help: "Print JSON (one object per line with --follow).") var json = false

    func run() throws {
        let context = try CommandContext(options)
        let logs = RecentLogs()
        guard let name else {
            let names = try logs.names(on: context.connection)
            if json {
                Terminal.print(JSON.array(names.keys.sorted().map { .object([("name", .string($0)), ("severities", .array(names[$0]!.map(JSON.string)))]) }).encoded)
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
            if json { Terminal.print(JSON.array(entries.map(JSON.log)).encoded) } else { for e in entries { print(e) } }
            return
        }
        for e in entries.reversed() { json ? Terminal.print(JSON.log(e).encoded) : print(e) }
        while true {
            usleep(UInt32(max(interval, 0.05) * 1_000_000))
            guard let latest = poll(fetch, context) else { continue }
            // New lines are found per severity list; the merged view reorders lines of the same second.
            for e in RecentLogs.newEntries(oldLists: lists, newLists: latest).reversed() { json ? Terminal.print(JSON.log(e).encoded) : print(e) }
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

    private func print(_ e: LogEntry) {
        Terminal.print("\(e.time.isEmpty ? "-" : e.time) \(e.severity.uppercased()) \(Terminal.safe(e.name)): \(Terminal.safe(e.message))")
    }
}
