import Foundation

/// What one write will change, computed from the toggle as read just before it (docs/data-layout.md, "Toggles", "Writes").
///
/// The plan records the values it was computed from (`expected`); the write script refuses when any of them
/// changed in between, and the writer plans again — a compare-and-set on this toggle alone, so writes to other
/// toggles never abort it (a WATCH on a shared key did).
struct ToggleWritePlan {
    /// The audit action: kill, restore, set, create or delete.
    var action: String
    var updates: [(String, String)] = []
    var removals: [String] = []
    /// kill and restore need an existing toggle (a HASH with a `toggle` field); set may create one.
    var mustExist: Bool
    var delete = false
    /// Each field the plan depends on, with the raw value it had (nil: absent).
    var expected: [(String, [UInt8]?)] = []
    /// `field=value` of the replaced fields and of the new ones, for the audit entry.
    var before = ""
    var after = ""
    /// Things the user should know that are not failures (a second kill keeping the first killer's reason).
    var notes: [String] = []

    /// What planning decided.
    enum Decision {
        case write(ToggleWritePlan)
        /// Nothing to write; not a failure (restore of a toggle that is already on).
        case nothingToDo(String)
        /// Refused before writing; the message names why.
        case refuse(String)
    }

    /// The toggle as read: its TYPE and its fields (raw bytes kept for the compare-and-set).
    struct Current {
        var type: String
        var fields: [Field]
        var raw: [String: [UInt8]]

        var exists: Bool { type != "none" }
        func value(_ field: String) -> String? { fields[field: field] }
    }

    static func kill(_ name: String, current: Current, reason: String, actor: String, now: String) -> Decision {
        if let refusal = notAToggle(name, current) { return .refuse(refusal) }
        var plan = ToggleWritePlan(action: "kill", mustExist: true)
        let killed = current.value("toggle").flatMap(ToggleValue.parse) == false && current.value("killedAt") != nil
        if killed {
            // A second kill keeps the first killer's fields (who, when, why stay visible); the audit has both.
            plan.updates = [("toggle", "False")]
            let by = current.value("killedBy") ?? "?"
            let why = current.value("killReason").map { " (\"\($0)\")" } ?? ""
            plan.notes.append("\(name) was already killed by \(by) at \(current.value("killedAt") ?? "?")\(why); that kill's fields are kept and this one is recorded in the audit")
        } else {
            plan.updates = [("toggle", "False"), ("killedAt", now), ("killedBy", actor)]
            if reason.isEmpty { plan.removals = ["killReason"] } else { plan.updates.append(("killReason", reason)) }
        }
        return .write(plan.finished(current: current, actor: actor, now: now))
    }

    static func restore(_ name: String, current: Current, actor: String, now: String) -> Decision {
        if let refusal = notAToggle(name, current) { return .refuse(refusal) }
        let enabled = current.value("toggle").flatMap(ToggleValue.parse)
        let wasKilled = current.value("killedAt") != nil
        if enabled == true && !wasKilled { return .nothingToDo("\(name) is already on; nothing to restore") }
        if !wasKilled {
            let shown = current.value("toggle") ?? ""
            return .refuse("\(name) is off (toggle=\(shown)) but was never killed: restore only undoes a kill; use `flagtop set \(name) --on` to turn it on. Nothing changed")
        }
        var plan = ToggleWritePlan(action: "restore", mustExist: true)
        plan.updates = [("toggle", "True")]
        plan.removals = ["killedAt", "killedBy", "killReason"]
        return .write(plan.finished(current: current, actor: actor, now: now))
    }

    static func set(_ name: String, current: Current, change: ToggleStore.Change, actor: String, now: String) -> Decision {
        if current.exists && current.type != "hash" {
            return .refuse("\(name) is a \(current.type), not a hash: set writes only toggle hashes. Nothing changed")
        }
        var plan = ToggleWritePlan(action: current.exists ? "set" : "create", mustExist: false)
        if !current.exists && change.enabled == nil { plan.updates.append(("toggle", "False")) }
        if let enabled = change.enabled {
            plan.updates.append(("toggle", ToggleValue.format(enabled)))
            plan.removals += ["killedAt", "killedBy", "killReason"]
        }
        func apply(_ field: String, _ value: String?) {
            guard let value else { return }
            if value.isEmpty { plan.removals.append(field) } else { plan.updates.append((field, value)) }
        }
        apply("releaseNum", change.releaseNum)
        apply("fingerprint", change.fingerprint)
        apply("override", change.override)
        apply("rollout", change.rollout.map(String.init))
        apply("stickiness", change.stickiness)
        apply("description", change.description)
        apply("owner", change.owner)
        return .write(plan.finished(current: current, actor: actor, now: now))
    }

    static func delete(_ name: String, current: Current) -> Decision {
        if let refusal = notAToggle(name, current) { return .refuse(refusal) }
        var plan = ToggleWritePlan(action: "delete", mustExist: true, delete: true)
        plan.expected = current.fields.map { ($0.name, current.raw[$0.name]) }
        plan.before = AuditLog.describe(current.fields)
        return .write(plan)
    }

    /// nil when the key is a toggle (a HASH with a `toggle` field); otherwise what it is, in words.
    static func notAToggle(_ name: String, _ current: Current) -> String? {
        switch current.type {
        case "none": return "toggle '\(name)' not found"
        case "hash":
            if current.value("toggle") != nil { return nil }
            return "\(name) is a hash without a toggle field — not a toggle. Nothing changed"
        default: return "\(name) is a \(current.type), not a hash — not a toggle. Nothing changed"
        }
    }

    /// Adds updatedAt/updatedBy, drops removals of absent fields, and fills `expected`, `before` and `after`.
    private func finished(current: Current, actor: String, now: String) -> ToggleWritePlan {
        var plan = self
        plan.updates += [("updatedAt", now), ("updatedBy", actor)]
        plan.removals = plan.removals.filter { field in current.value(field) != nil && !plan.updates.contains { $0.0 == field } }
        var seen: Set<String> = []
        for field in plan.updates.map(\.0) + plan.removals + ["toggle", "killedAt"] where seen.insert(field).inserted {
            plan.expected.append((field, current.raw[field]))
        }
        plan.before = AuditLog.describe(current.fields.filter { f in plan.updates.contains { $0.0 == f.name } || plan.removals.contains(f.name) })
        plan.after = AuditLog.describe(plan.updates.map { Field($0.0, $0.1) })
        return plan
    }

    /// The toggle as it will be after the write (for callers that show it).
    func applied(to current: Current, key: [UInt8], name: String) -> Toggle {
        var fields = current.fields.filter { f in !removals.contains(f.name) }
        for (f, v) in updates {
            if let i = fields.firstIndex(where: { $0.name == f }) { fields[i].value = v } else { fields.append(Field(f, v)) }
        }
        return Toggle(key: key, name: name, fields: delete ? [] : fields)
    }
}
