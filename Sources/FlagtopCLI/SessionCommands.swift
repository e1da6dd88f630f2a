import ArgumentParser
import FlagtopCore

/// `flagtop sessions`: live session contexts.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sessions", abstract: "List live session contexts (incremental SCAN, never KEYS).")
    @OptionGroup var options: GlobalOptions
    @Option(name: .long, help: "At most this many sessions.") var limit = 50
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(options)
        let listing = try context.sessions.list(limit: max(limit, 1), on: context.connection)
        if json {
            Terminal.print(JSON.array(listing.sessions.map { JSON.session($0) }).encoded)
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
    @Argument(help: "Session id (the key without its session: prefix).") var id: String
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(options)
        guard let session = try context.sessions.get(id, on: context.connection) else {
            throw CLIFailure("session '\(id)' not found (key \(context.settings.sessionPrefix)\(id))")
        }
        let toggles = try context.allToggles().toggles
        let decisions = toggles.map { Router.decide(toggleName: $0.name, toggle: $0, session: session) }
        if json { Terminal.print(JSON.session(session, decisions: decisions).encoded); return }
        Terminal.print("session \(Terminal.safe(session.id))  ttl: \(session.ttl.map { "\($0)s" } ?? "none")")
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
    @Argument(help: "Toggle name.") var toggle: String
    @Argument(help: "Session id.") var session: String
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(options)
        let t = try context.toggles.get(toggle, on: context.connection)
        let s: SessionContext?
        do { s = try context.sessions.get(session, on: context.connection) } catch let error as FlagtopError {
            if case .wrongType = error { Terminal.note(error.description); s = nil } else { throw error }
        }
        let decision = Router.decide(toggleName: toggle, toggle: t, session: s, sessionID: session)
        if json { Terminal.print(JSON.decision(decision).encoded); return }
        var line = "\(decision.variant.rawValue) \(decision.reason.rawValue)"
        if let code = decision.errorCode { line += " \(code.rawValue)" }
        if let bucket = decision.bucket { line += " (bucket \(bucket))" }
        Terminal.print(line)
    }
}
