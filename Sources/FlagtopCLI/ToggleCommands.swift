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
        let listing = try AuditLog.history(toggle: name, toggleKey: toggle.key, limit: limit, on: context.connection)
        let history = listing.entries
        defer { for note in listing.notes { Terminal.note(note) } }
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
        var table = Table("TIME", "ACTION", "ACTOR", "REDIS USER", "CLIENT", "REPLICAS", "REASON", "CHANGE")
        for h in history {
            table.add([AuditTime.iso(h.milliseconds), h.action, h.actor, h.redisUser ?? "", h.client ?? "", AuditTime.replicas(h), h.reason, "\(h.before) -> \(h.after)"])
        }
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
    @Option(name: .customLong("replica-wait"), help: "Milliseconds to wait for a replica to acknowledge the write (WAIT), when the server has replicas.") var replicaWait = 500
    @Flag(name: .long, help: "Print JSON.") var json = false

    func validate() throws {
        if on && off { throw ValidationError("--on and --off exclude each other") }
        if let rollout, !(0...100).contains(rollout) { throw ValidationError("--rollout must be 0-100") }
    }

    func run() throws {
        let change = ToggleStore.Change(enabled: on ? true : (off ? false : nil), releaseNum: release, fingerprint: fingerprint,
                                        override: override, rollout: rollout, stickiness: stickiness)
        try ToggleWriteOutput.run(name, .set(change, reason: reason), options: options, waitMillis: replicaWait, json: json)
    }
}

/// The arguments `kill` and `restore` share.
struct SwitchArguments: ParsableArguments {
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Toggle name (escapes as shown by `flagtop toggles`).", transform: EscapedText.parse) var name: String
    @Option(name: .long, help: "Why, for the audit trail.") var reason: String = ""
    @Option(name: .customLong("replica-wait"), help: "Milliseconds to wait for a replica to acknowledge the write (WAIT), when the server has replicas.") var replicaWait = 500
    @Flag(name: .long, help: "Print JSON.") var json = false

    func validate() throws {
        if !(0...60_000).contains(replicaWait) { throw ValidationError("--replica-wait must be 0-60000 ms") }
    }
}

/// `flagtop kill NAME`: the kill switch. Exit status: 0 killed and audited, 1 not done, 3 done but not completely,
/// 4 outcome unknown (reply lost), 5 killed but no replica confirmed it.
struct KillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kill", abstract: "Kill switch: send everyone to the old code (audited).")
    @OptionGroup var arguments: SwitchArguments

    func run() throws {
        try ToggleWriteOutput.run(arguments.name, .kill(reason: arguments.reason), options: arguments.options,
                                  waitMillis: arguments.replicaWait, json: arguments.json)
    }
}

/// `flagtop restore NAME`: undoes a kill (a toggle that is off but was never killed is refused: use `set --on`).
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Undo a kill: turn the toggle back on (audited).")
    @OptionGroup var arguments: SwitchArguments

    func run() throws {
        try ToggleWriteOutput.run(arguments.name, .restore(reason: arguments.reason), options: arguments.options,
                                  waitMillis: arguments.replicaWait, json: arguments.json)
    }
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
        let listing: AuditLog.Listing
        if let toggle {
            listing = try AuditLog.history(toggle: toggle, toggleKey: context.toggles.key(for: toggle), limit: limit, on: context.connection)
        } else {
            listing = try AuditLog.recent(limit: limit, on: context.connection)
        }
        defer { for note in listing.notes { Terminal.note(note) } }
        let entries = listing.entries
        if json { Terminal.print(JSON.array(entries.map(JSON.audit)).encoded); return }
        var table = Table("TIME", "ACTION", "TOGGLE", "ACTOR", "REDIS USER", "CLIENT", "REPLICAS", "REASON", "CHANGE")
        for e in entries {
            table.add([AuditTime.iso(e.milliseconds), e.action, e.toggle, e.actor, e.redisUser ?? "", e.client ?? "", AuditTime.replicas(e), e.reason, "\(e.before) -> \(e.after)"])
        }
        Terminal.print(table.render())
    }
}
