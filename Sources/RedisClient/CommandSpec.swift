/// Where a command's keys are and whether it writes, in the shape of Redis's own `COMMAND INFO` (first key,
/// last key, step; flags): what a cluster client needs to route a command by slot and a sentinel or replica
/// aware client needs to send reads to a replica and writes to the master.
public struct CommandSpec: Sendable, Equatable {
    /// Position of the first key argument (1-based after the name); 0 when the command has no keys.
    public let firstKey: Int
    /// Position of the last key; -1 means the last argument, -2 the one before it.
    public let lastKey: Int
    /// Distance between keys (2 for MSET's key/value pairs).
    public let step: Int
    /// False when the command changes data (and so must reach a master).
    public let isReadOnly: Bool
    /// Keys are counted by a number at this position (EVAL/EVALSHA/FCALL: `numkeys` then the keys); 0 if not.
    public let numKeysAt: Int

    public init(firstKey: Int, lastKey: Int, step: Int = 1, isReadOnly: Bool, numKeysAt: Int = 0) {
        self.firstKey = firstKey
        self.lastKey = lastKey
        self.step = step
        self.isReadOnly = isReadOnly
        self.numKeysAt = numKeysAt
    }

    static func none(readOnly: Bool = true) -> CommandSpec { CommandSpec(firstKey: 0, lastKey: 0, isReadOnly: readOnly) }
    static func one(writes: Bool) -> CommandSpec { CommandSpec(firstKey: 1, lastKey: 1, isReadOnly: !writes) }
    static func all(writes: Bool) -> CommandSpec { CommandSpec(firstKey: 1, lastKey: -1, isReadOnly: !writes) }

    /// The key arguments of `arguments` (name first).
    func keys(in arguments: [[UInt8]]) -> [[UInt8]] {
        if numKeysAt > 0 {
            guard arguments.count > numKeysAt, let count = Int(String(decoding: arguments[numKeysAt], as: UTF8.self)), count > 0 else { return [] }
            let start = numKeysAt + 1
            return Array(arguments[start..<min(arguments.count, start + count)])
        }
        guard firstKey > 0, arguments.count > firstKey else { return [] }
        let last = lastKey >= 0 ? min(lastKey, arguments.count - 1) : arguments.count + lastKey
        guard last >= firstKey else { return [] }
        return stride(from: firstKey, through: last, by: step).map { arguments[$0] }
    }
}

/// The commands flagtop and its library send (and a few neighbours), with their key positions and whether
/// they write. `CommandTableTests` checks every entry against a live server's `COMMAND INFO`.
enum CommandTable {
    static let specs: [String: CommandSpec] = [
        // Hashes (toggles, sessions, error documents without a module).
        "HGETALL": .one(writes: false), "HGET": .one(writes: false), "HMGET": .one(writes: false),
        "HEXISTS": .one(writes: false), "HLEN": .one(writes: false), "HKEYS": .one(writes: false),
        "HSET": .one(writes: true), "HSETNX": .one(writes: true), "HDEL": .one(writes: true), "HINCRBY": .one(writes: true),
        // Generic keys.
        "TYPE": .one(writes: false), "TTL": .one(writes: false), "PTTL": .one(writes: false),
        "EXISTS": .all(writes: false), "DEL": .all(writes: true), "UNLINK": .all(writes: true),
        "EXPIRE": .one(writes: true), "PEXPIRE": .one(writes: true), "WATCH": .all(writes: false),
        "GET": .one(writes: false), "SET": .one(writes: true), "INCR": .one(writes: true), "INCRBY": .one(writes: true),
        "MSET": CommandSpec(firstKey: 1, lastKey: -1, step: 2, isReadOnly: false),
        // Lists (recent logs).
        "LRANGE": .one(writes: false), "LLEN": .one(writes: false), "LPUSH": .one(writes: true),
        "RPUSH": .one(writes: true), "LTRIM": .one(writes: true),
        // Sets (the toggle registry).
        "SMEMBERS": .one(writes: false), "SISMEMBER": .one(writes: false), "SCARD": .one(writes: false),
        "SADD": .one(writes: true), "SREM": .one(writes: true),
        // Sorted sets (error times).
        "ZADD": .one(writes: true), "ZREMRANGEBYRANK": .one(writes: true), "ZREMRANGEBYSCORE": .one(writes: true),
        "ZRANGEBYSCORE": .one(writes: false), "ZREVRANGE": .one(writes: false), "ZRANGE": .one(writes: false),
        "ZCARD": .one(writes: false), "ZCOUNT": .one(writes: false),
        // Streams (audit).
        "XADD": .one(writes: true), "XRANGE": .one(writes: false), "XREVRANGE": .one(writes: false),
        "XLEN": .one(writes: false), "XINFO": CommandSpec(firstKey: 2, lastKey: 2, isReadOnly: true),
        // Scripts: keys counted by numkeys.
        "EVAL": CommandSpec(firstKey: 0, lastKey: 0, isReadOnly: false, numKeysAt: 2),
        "EVALSHA": CommandSpec(firstKey: 0, lastKey: 0, isReadOnly: false, numKeysAt: 2),
        "EVAL_RO": CommandSpec(firstKey: 0, lastKey: 0, isReadOnly: true, numKeysAt: 2),
        "EVALSHA_RO": CommandSpec(firstKey: 0, lastKey: 0, isReadOnly: true, numKeysAt: 2),
        // Keyless.
        "PING": .none(), "INFO": .none(), "SCAN": .none(), "CLIENT": .none(), "CLUSTER": .none(), "ROLE": .none(),
        "COMMAND": .none(), "MODULE": .none(), "CONFIG": .none(), "ACL": .none(), "HELLO": .none(), "AUTH": .none(),
        "SELECT": .none(), "MULTI": .none(), "EXEC": .none(readOnly: false), "DISCARD": .none(), "UNWATCH": .none(),
        "SUBSCRIBE": .none(), "UNSUBSCRIBE": .none(), "PUBLISH": .none(), "WAIT": .none(), "DBSIZE": .none(),
        "SCRIPT": .none(), "SENTINEL": .none(), "READONLY": .none(), "ASKING": .none(), "TIME": .none(),
        "FLUSHDB": .none(readOnly: false), "FLUSHALL": .none(readOnly: false), "SWAPDB": .none(readOnly: false),
        // RediSearch: routed by the index name (argument 1), as a cluster without a coordinator needs.
        "FT.ADD": .one(writes: true), "FT.DEL": .one(writes: true), "FT.CREATE": .one(writes: true),
        "FT.DROPINDEX": .one(writes: true), "FT.SEARCH": .one(writes: false), "FT.INFO": .one(writes: false),
        "FT.AGGREGATE": .one(writes: false), "FT.GET": .one(writes: false), "FT._LIST": .none(),
    ]
}

extension RedisCommand {
    /// What the table knows about this command; nil for a command it does not list.
    public var spec: CommandSpec? { CommandTable.specs[name] }

    /// The key arguments, for slot routing (empty for keyless or unknown commands; see `spec`).
    public var keys: [[UInt8]] { spec?.keys(in: arguments) ?? [] }

    /// Whether the command only reads (may go to a replica). Unknown commands count as writes: the safe side.
    public var isReadOnly: Bool { spec?.isReadOnly ?? false }
}
