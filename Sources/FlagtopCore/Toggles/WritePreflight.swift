import RedisClient

/// The one pipelined read before a toggle write: who the connection is, the server's clock, replication, the
/// toggle and its audit stream. Any of the "who" and replication reads may be denied by the ACL; they are then
/// simply absent (the write does not depend on them).
struct WritePreflight {
    /// `ACL WHOAMI`.
    var redisUser: String?
    /// `addr=` of `CLIENT INFO`: the address the server sees for this connection.
    var clientAddress: String?
    /// The server's clock (`TIME`), in milliseconds.
    var serverMillis: Int64?
    /// `role:` of `INFO replication` (master/slave), nil when INFO is denied.
    var role: String?
    var connectedReplicas: Int?
    var masterAddress: String?
    var current: ToggleWritePlan.Current
    var auditType: String
    /// `last-generated-id` of the audit stream.
    var auditLastID: String?
    /// An error reply to a read the write depends on (the toggle's TYPE/HGETALL, WATCH).
    var blocking: String?

    static func commands(toggleKey: [UInt8], auditKey: [UInt8], watch: Bool) -> [RedisCommand] {
        var commands: [RedisCommand] = []
        if watch { commands.append(RedisCommand("WATCH", toggleKey, auditKey)) }
        commands += [
            RedisCommand("ACL", "WHOAMI"), RedisCommand("CLIENT", "INFO"), RedisCommand("TIME"), RedisCommand("INFO", "replication"),
            RedisCommand("TYPE", toggleKey), RedisCommand("HGETALL", toggleKey), RedisCommand("TYPE", auditKey),
            RedisCommand("XINFO", "STREAM", auditKey),
        ]
        return commands
    }

    init(replies all: [RedisReply], watch: Bool) {
        var replies = all[...]
        var blocking: String?
        if watch, let first = replies.popFirst(), case let .error(message) = first { blocking = message }
        let r = Array(replies)
        redisUser = r[0].serverError == nil ? r[0].string : nil
        if let info = r[1].string, r[1].serverError == nil {
            clientAddress = info.split(separator: " ").first { $0.hasPrefix("addr=") }.map { String($0.dropFirst(5)) }
        }
        if let parts = r[2].array, parts.count == 2, let s = parts[0].int, let us = parts[1].int {
            serverMillis = s * 1000 + us / 1000
        }
        if let info = r[3].string, r[3].serverError == nil {
            var host: String?, port: String?
            for line in info.split(whereSeparator: { $0.isNewline }) {
                let kv = line.split(separator: ":", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { continue }
                switch kv[0] {
                case "role": role = kv[1]
                case "connected_slaves": connectedReplicas = Int(kv[1])
                case "master_host": host = kv[1]
                case "master_port": port = kv[1]
                default: break
                }
            }
            if let host, let port { masterAddress = "\(host):\(port)" }
        }
        var type = "none"
        if case let .error(message) = r[4] { blocking = blocking ?? message } else { type = r[4].string ?? "none" }
        var fields: [Field] = []
        var raw: [String: [UInt8]] = [:]
        if type == "hash", let pairs = r[5].pairs {
            for pair in pairs {
                let name = RedisBytes.decode(pair.key)
                fields.append(Field(name, RedisBytes.decode(pair.value)))
                raw[name] = pair.value
            }
        } else if type == "hash", case let .error(message) = r[5] {
            blocking = blocking ?? message
        }
        current = ToggleWritePlan.Current(type: type, fields: fields, raw: raw)
        auditType = r[6].serverError == nil ? (r[6].string ?? "none") : "unknown"
        if let info = r[7].array {
            var i = 0
            while i + 1 < info.count {
                if info[i].string == "last-generated-id" { auditLastID = info[i + 1].string }
                i += 2
            }
        }
        self.blocking = blocking
    }

    /// The audit entry's fields: what was changed and by whom. `actor` is what the caller claims; `redisUser`
    /// and `client` are what the server told this connection (see README, "What the audit proves").
    func entry(plan: ToggleWritePlan, name: String, actor: String, reason: String, op: String) -> [(String, String)] {
        var entry: [(String, String)] = [
            ("action", plan.action), ("toggle", name), ("before", plan.before), ("after", plan.after),
            ("actor", actor), ("reason", reason),
        ]
        if let redisUser { entry.append(("redisUser", redisUser)) }
        if let clientAddress { entry.append(("client", clientAddress)) }
        if let connectedReplicas, connectedReplicas > 0 { entry.append(("replicasConnected", String(connectedReplicas))) }
        entry.append(("op", op))
        return entry
    }

    /// Whether the audit stream's last id is beyond what `XADD *` can follow with a sane time (planted).
    var auditIDFromTheFuture: Bool {
        guard let id = auditLastID else { return false }
        let ms = id.split(separator: "-").first.flatMap { UInt64($0) }
        guard let ms, let now = serverMillis else { return ms == nil }
        return ms > UInt64(max(now, 0)) + UInt64(ToggleWriteScript.futureToleranceMillis)
    }
}
