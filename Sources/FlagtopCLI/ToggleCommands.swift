import ArgumentParser
import FlagtopCore
import SafeText
import RedisClient

/// `flagtop toggles`: every toggle, registered or discovered.
struct TogglesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "toggles", abstract: "List toggles (registered and discovered by an incremental SCAN).")
    @OptionGroup var options: GlobalOptions
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Flag(name: .long, help: "Only the registry; skip the keyspace scan for redis-cli-made toggles.") var noDiscover = false

    func run() throws {
        let context = try CommandContext(options)
        let listing = try context.allToggles(discover: !noDiscover)
        if json {
            Terminal.print(JSON.array(listing.toggles.map(JSON.toggle)).encoded)
        } else {
            var table = Table("NAME", "STATE", "RELEASE", "FINGERPRINT", "OVERRIDE", "ROLLOUT")
            for t in listing.toggles {
                table.add([t.name, t.state.rawValue, t.releaseNum ?? "", t.fingerprint ?? "", t.override ?? "", t.rollout.map { "\($0)%" } ?? ""])
            }
            Terminal.print(table.render())
        }
        for problem in listing.problems { Terminal.note(problem) }
    }
}

/// `flagtop toggle NAME`: every field and the audit history.
struct ToggleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "toggle", abstract: "Show one toggle with all its fields and its audit history.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Toggle name (escapes as shown by `flagtop toggles`).", transform: EscapedText.parse) var name: String
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Option(name: .long, help: "History entries to show.") var limit = 20

    func validate() throws { try NumericOption.check("--limit", limit, in: 1...10_000) }

    func run() throws {
        let context = try CommandContext(options)
        guard let toggle = try context.toggles.get(name, on: context.connection) else {
            throw CLIFailure("toggle '\(Terminal.name(name))' not found")
        }
        let history = try AuditLog.fetch(toggle: name, limit: limit).run(on: context.connection)
        if json {
            guard case var .object(pairs) = JSON.toggle(toggle) else { return }
            pairs.append(("state", .string(toggle.state.rawValue)))
            pairs.append(("history", .array(history.map(JSON.audit))))
            Terminal.print(JSON.object(pairs).encoded)
            return
        }
        Terminal.print("\(Terminal.name(toggle.name))  \(toggle.state.rawValue)")
        var fields = Table("FIELD", "VALUE")
        for f in toggle.fields { fields.add([f.name, f.value]) }
        Terminal.print(fields.render())
        Terminal.print("")
        if history.isEmpty { Terminal.print("no audit history"); return }
        var table = Table("TIME", "ACTION", "ACTOR", "REASON", "CHANGE")
        for h in history { table.add([AuditTime.iso(h.milliseconds), h.action, h.actor, h.reason, "\(h.before) -> \(h.after)"]) }
        Terminal.print(table.render())
    }
}

/// `flagtop set NAME …`: creates or changes a toggle.
struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Create or change a toggle (audited). An empty value removes a field.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Toggle name (escapes as shown by `flagtop toggles`).", transform: EscapedText.parse) var name: String
    @Flag(name: .customLong("on"), help: "Turn the toggle on.") var on = false
    @Flag(name: .customLong("off"), help: "Turn the toggle off.") var off = false
    @Option(name: .long, help: "Release number.") var release: String?
    @Option(name: .long, help: "Developer names, comma-separated.") var fingerprint: String?
    @Option(name: .long, help: "Persona(s) (authType) that get the new code, comma-separated.") var override: String?
    @Option(name: .long, help: "Percentage 0-100 of sessions that get the new code.") var rollout: Int?
    @Option(name: .long, help: "Session field whose value buckets the rollout (default: the session id).") var stickiness: String?
    @Option(name: .long, help: "Why, for the audit trail.") var reason: String = ""
    @Flag(name: .long, help: "Print JSON.") var json = false

    func validate() throws {
        if on && off { throw ValidationError("--on and --off exclude each other") }
        if let rollout, !(0...100).contains(rollout) { throw ValidationError("--rollout must be 0-100") }
    }

    func run() throws {
        let context = try CommandContext(options)
        let change = ToggleStore.Change(enabled: on ? true : (off ? false : nil), releaseNum: release, fingerprint: fingerprint,
                                        override: override, rollout: rollout, stickiness: stickiness)
        let toggle = try context.toggles.set(name, change, reason: reason, on: context.connection)
        if json { Terminal.print(JSON.toggle(toggle).encoded) } else { Terminal.print("\(Terminal.name(name)) is \(toggle.state.rawValue)") }
    }
}

/// The arguments `kill` and `restore` share, and the one way both run and report.
struct SwitchArguments: ParsableArguments {
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Toggle name (escapes as shown by `flagtop toggles`).", transform: EscapedText.parse) var name: String
    @Option(name: .long, help: "Why, for the audit trail.") var reason: String = ""
    @Flag(name: .long, help: "Print JSON.") var json = false

    /// Runs the write and prints the result only after Redis acknowledged it.
    func run(_ past: String, _ write: (ToggleStore, String, String, RedisConnection) throws -> Toggle) throws {
        let context = try CommandContext(options)
        let toggle = try write(context.toggles, name, reason, context.connection)
        if json { Terminal.print(JSON.toggle(toggle).encoded) } else { Terminal.print("\(past) \(Terminal.name(name)): toggle is \(Terminal.safe(toggle.rawToggle ?? ""))") }
    }
}

/// `flagtop kill NAME`: the kill switch.
struct KillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kill", abstract: "Kill switch: send everyone to the old code (audited).")
    @OptionGroup var arguments: SwitchArguments

    func run() throws { try arguments.run("killed") { try $0.kill($1, reason: $2, on: $3) } }
}

/// `flagtop restore NAME`: undoes a kill.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Undo a kill: turn the toggle back on (audited).")
    @OptionGroup var arguments: SwitchArguments

    func run() throws { try arguments.run("restored") { try $0.restore($1, reason: $2, on: $3) } }
}

/// `flagtop audit`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Show the audit trail, newest first.")
    @OptionGroup var options: GlobalOptions
    @Option(name: .long, help: "Only this toggle.", transform: EscapedText.parse) var toggle: String?
    @Option(name: .long, help: "Entries to show.") var limit = 50

    func validate() throws { try NumericOption.check("--limit", limit, in: 1...10_000) }
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(options)
        let entries = try AuditLog.fetch(toggle: toggle, limit: limit).run(on: context.connection)
        if json { Terminal.print(JSON.array(entries.map(JSON.audit)).encoded); return }
        var table = Table("TIME", "ACTION", "TOGGLE", "ACTOR", "REASON", "CHANGE")
        for e in entries { table.add([AuditTime.iso(e.milliseconds), e.action, e.toggle, e.actor, e.reason, "\(e.before) -> \(e.after)"]) }
        Terminal.print(table.render())
    }
}
