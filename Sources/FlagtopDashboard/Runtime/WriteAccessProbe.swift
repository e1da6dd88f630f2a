import FlagtopCore
import FlagtopUI
import RedisClient

/// Decides whether the dashboard's user may kill and restore, without writing anything (docs/data-layout.md, "Writes").
///
/// In order: the server's role (`INFO replication`, else `ROLE`): a replica is read-only, whatever the ACL says;
/// then `ACL DRYRUN` (Redis 7.0+) of the commands a write needs (HSET and XADD, plus EVAL or MULTI); where DRYRUN
/// itself is not allowed (it is an admin command), a MULTI whose OK is awaited *alone* before HSET/XADD/EVAL are
/// queued and DISCARDed (Redis checks the ACL when queueing; nothing queued ever runs, and if MULTI is refused
/// nothing else is sent — the old probe pipelined them and so wrote for real when MULTI was denied); then the
/// user's own ACL description (`ACL GETUSER`) read with the same left-to-right rule Redis applies; where none of
/// these is allowed, writes are assumed possible and the first real write tells (a refused write makes the
/// writer probe again, and its message names the real cause). No key is ever written or created.
enum WriteAccessProbe {
    /// nil when Redis is unreachable (try again later).
    static func check(_ connection: any RedisClientProtocol, settings: FlagtopSettings) -> WriteAccess? {
        verdict(connection, settings: settings)?.access
    }

    /// The access, and whether it was established (true) or merely assumed for want of any way to ask (false).
    static func verdict(_ connection: any RedisClientProtocol, settings: FlagtopSettings) -> (access: WriteAccess, established: Bool)? {
        let user = settings.endpoint.username ?? "default"
        let toggleKey = Array("flagtop-acl-probe".utf8)
        let auditKey = AuditKey.forToggle(key: toggleKey)
        let dryruns: [[any RedisArgumentConvertible]] = [
            ["HSET", toggleKey, "toggle", "False"],
            ["XADD", auditKey, "MAXLEN", "~", "1000", "*", "action", "kill"],
            ["EVAL", "return 1", "2", toggleKey, auditKey],
            ["MULTI"],
        ]
        let replies: [RedisReply]
        do {
            replies = try connection.pipeline([RedisCommand("INFO", "replication"), RedisCommand("ROLE")]
                + dryruns.map { RedisCommand(["ACL", "DRYRUN", user] + $0) } + [RedisCommand("ACL", "GETUSER", user)])
        } catch {
            return nil
        }
        if let replica = replicaReason(info: replies[0], role: replies[1]) { return (.denied(reason: replica), true) }
        let dry = Array(replies[2..<6])
        if dry.allSatisfy({ $0.serverError == nil }) {
            // DRYRUN answers OK, or a bulk string saying what is refused.
            let verdicts = dry.map { $0.string == "OK" ? nil : $0.string ?? "refused" }
            return (decide(hset: verdicts[0], xadd: verdicts[1], eval: verdicts[2], multi: verdicts[3]), true)
        }
        if let queued = queueProbe(connection, toggleKey: toggleKey, auditKey: auditKey) { return (queued, true) }
        if let rules = describedRules(replies[6]) {
            func verdict(_ command: String, _ categories: [String]) -> String? {
                ACLRules.allows(rules, command: command, categories: categories) ? nil : "the user's ACL (\(rules)) does not allow \(command.uppercased())"
            }
            return (decide(hset: verdict("hset", ["write", "hash", "fast"]), xadd: verdict("xadd", ["write", "stream", "fast"]),
                           eval: verdict("eval", ["slow", "scripting"]), multi: verdict("multi", ["fast", "transaction"])), true)
        }
        return (.allowed, false)
    }

    /// MULTI alone; only after its OK, HSET/XADD/EVAL queued and DISCARDed. nil when MULTI is refused or the
    /// connection failed (then nothing but MULTI was sent).
    static func queueProbe(_ connection: any RedisClientProtocol, toggleKey: [UInt8], auditKey: [UInt8]) -> WriteAccess? {
        guard let multi = try? connection.perform(RedisCommand("MULTI")), multi.serverError == nil else { return nil }
        guard let replies = try? connection.pipeline([
            RedisCommand("HSET", toggleKey, "toggle", "False"),
            RedisCommand("XADD", auditKey, "MAXLEN", "~", "1000", "*", "action", "kill"),
            RedisCommand("EVAL", "return 1", "2", toggleKey, auditKey),
            RedisCommand("DISCARD"),
        ]) else { return nil }
        func refused(_ r: RedisReply) -> String? { if case let .error(m) = r { return m } else { return nil } }
        // Without a working EVAL the write goes through MULTI, which was just accepted.
        return decide(hset: refused(replies[0]), xadd: refused(replies[1]), eval: nil, multi: nil)
    }

    static func decide(hset: String?, xadd: String?, eval: String?, multi: String?) -> WriteAccess {
        if let why = hset ?? xadd { return .denied(reason: "the Redis ACL denies writes: \(firstLine(why))") }
        if let e = eval, multi != nil { return .denied(reason: "the Redis ACL denies both scripts and MULTI: \(firstLine(e))") }
        return .allowed
    }

    /// "read-only replica of host:port" when the server is a replica.
    static func replicaReason(info: RedisReply, role: RedisReply) -> String? {
        if let text = info.string, info.serverError == nil {
            var isReplica = false, host = "", port = ""
            for line in text.split(whereSeparator: { $0.isNewline }) {
                if line == "role:slave" { isReplica = true }
                if line.hasPrefix("master_host:") { host = String(line.dropFirst(12)) }
                if line.hasPrefix("master_port:") { port = String(line.dropFirst(12)) }
            }
            return isReplica ? "the server is a read-only replica (of \(host):\(port))" : nil
        }
        if let parts = role.array, parts.first?.string == "slave" {
            let host = parts.count > 1 ? parts[1].string ?? "" : "", port = parts.count > 2 ? parts[2].string ?? "" : ""
            return "the server is a read-only replica (of \(host):\(port))"
        }
        return nil
    }

    /// The `commands` rule string of `ACL GETUSER`, or nil when GETUSER is refused.
    static func describedRules(_ reply: RedisReply) -> String? {
        guard let items = reply.array else { return nil }
        var i = 0
        while i + 1 < items.count {
            if items[i].string == "commands" { return items[i + 1].string }
            i += 2
        }
        return nil
    }

    static func firstLine(_ text: String) -> String { String(text.split(whereSeparator: { $0.isNewline }).first ?? "") }
}

/// Redis's ACL command rules, applied left to right (`+@all`, `-@write`, `+hset`, `-multi`, `allcommands`…):
/// enough to read a user's own description when `ACL DRYRUN` is not available.
enum ACLRules {
    static func allows(_ rules: String, command: String, categories: [String]) -> Bool {
        var allowed = false
        for rule in rules.split(separator: " ").map({ $0.lowercased() }) {
            switch rule {
            case "allcommands", "+@all": allowed = true
            case "nocommands", "-@all": allowed = false
            default:
                guard let sign = rule.first, sign == "+" || sign == "-" else { continue }
                let name = rule.dropFirst()
                if name.hasPrefix("@") {
                    if categories.contains(String(name.dropFirst())) { allowed = sign == "+" }
                } else if name == command || name.hasPrefix(command + "|") && sign == "-" {
                    allowed = sign == "+"
                }
            }
        }
        return allowed
    }
}
