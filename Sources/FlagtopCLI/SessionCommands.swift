import ArgumentParser
import FlagtopCore
import SafeText

/// `flagtop sessions`: live session contexts.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sessions", abstract: "List live session contexts (incremental SCAN, never KEYS).")
    @OptionGroup var options: GlobalOptions
    @Option(name: .long, help: "At most this many sessions (1-\(SessionStore.maxListLimit)).") var limit = 50
    @Flag(name: .long, help: "Print JSON.") var json = false

    func validate() throws {
        try NumericOption.check("--limit", limit, in: 1...SessionStore.maxListLimit)
    }

    func run() throws {
        let context = try CommandContext(options)
        let listing = try context.sessions.list(limit: limit, on: context.connection)
        if json {
            Terminal.printJSON(JSON.array(listing.sessions.map { JSON.session($0) }))
        } else {
            var table = Table("ID", "NAME", "AUTHTYPE", "TTL", "CREATED")
            for s in listing.sessions {
                table.add([s.id, s.name ?? "", s.authType ?? "", s.ttl.map { "\($0)s" } ?? "none", s.creationTime ?? ""])
            }
            Terminal.print(table.render())
        }
        for problem in listing.problems { Terminal.note(problem) }
    }
}

/// `flagtop session ID`: one session with its decision for every toggle.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "session", abstract: "Show one session's fields and its decision for every toggle.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Session id (the key without its session: prefix; escapes as shown: \\\\, \\n, \\xNN, \\u{…}).", transform: EscapedText.parse) var id: String
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(options)
        guard let session = try context.sessions.get(id, on: context.connection) else {
            throw CLIFailure("session '\(Terminal.name(id))' not found (key \(Terminal.name(context.settings.sessionPrefix + id)))")
        }
        let toggles = try context.allToggles().toggles
        let decisions = toggles.map { Router.decide(toggleName: $0.name, toggle: $0, session: session) }
        if json { Terminal.printJSON(JSON.session(session, decisions: decisions)); return }
        Terminal.print("session \(Terminal.name(session.id))  ttl: \(session.ttl.map { "\($0)s" } ?? "none")")
        var fields = Table("FIELD", "VALUE")
        for f in session.fields { fields.add([f.name, f.value]) }
        Terminal.print(fields.render())
        Terminal.print("")
        var table = Table("TOGGLE", "VARIANT", "REASON")
        for d in decisions { table.add([d.toggle, d.variant.rawValue, d.reason.rawValue + (d.errorCode.map { " (\($0.rawValue))" } ?? "")]) }
        Terminal.print(table.render())
    }
}

/// `flagtop decide TOGGLE SESSION_ID`.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decide", abstract: "One routing decision and its reason.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Toggle name (escapes as shown by `flagtop toggles`).", transform: EscapedText.parse) var toggle: String
    @Argument(help: "Session id (escapes as shown by `flagtop sessions`).", transform: EscapedText.parse) var session: String
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(options)
        let t = try context.toggles.get(toggle, on: context.connection)
        let s: SessionContext?
        do { s = try context.sessions.get(session, on: context.connection) } catch {
            // A session key of another type is noted and decided on as absent; any other failure ends the command.
            guard case .wrongType = error else { throw error }
            Terminal.note(error.description)
            s = nil
        }
        let decision = Router.decide(toggleName: toggle, toggle: t, session: s, sessionID: session)
        if json { Terminal.printJSON(JSON.decision(decision)); return }
        var line = "\(decision.variant.rawValue) \(decision.reason.rawValue)"
        if let code = decision.errorCode { line += " \(code.rawValue)" }
        if let bucket = decision.bucket { line += " (bucket \(bucket))" }
        Terminal.print(line)
    }
}
