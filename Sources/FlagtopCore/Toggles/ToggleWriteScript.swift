import RedisClient

/// The Lua script that makes a toggle write and its audit entry one atomic step (docs/data-layout.md, "Writes").
///
/// Why a script: Redis runs a script to the end before any other command, and this one checks everything first
/// (the server's clock against the caller's deadline, the toggle's type and `toggle` field, that the fields the
/// caller planned from still hold what it read — a per-toggle compare-and-set instead of a WATCH —, the audit
/// stream's type and last id, and, on Redis 7+, the ACL for every write it will make with `redis.acl_check_cmd`)
/// and only then writes: XADD first, then HSET/HDEL (or DEL). A write that still fails after the checks
/// (possible only before Redis 7, without `acl_check_cmd`) removes the audit entry it just added, so the two
/// land together or not at all. OOM can only refuse the first write of a script, which is the XADD.
///
/// KEYS: the toggle, its audit stream (same slot, see `AuditKey`).
/// ARGV: mode (`write`/`delete`), must-exist (`1`/`0`), deadline in server milliseconds (`0`: none), MAXLEN,
/// future tolerance in ms, then three counted lists — expected fields (field, `-` for absent or `+value`),
/// updates (field, value), removals (field) — and the audit entry's field/value pairs.
/// Returns `{status, detail}`; status `ok` (detail: the audit id) or a refusal naming what was wrong.
enum ToggleWriteScript {
    static let source = #"""
local toggle, audit = KEYS[1], KEYS[2]
local i = 1
local function arg() local v = ARGV[i]; i = i + 1; return v end
local mode = arg()
local mustExist = arg() == '1'
local deadline = tonumber(arg())
local maxlen = arg()
local tolerance = tonumber(arg())
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if deadline > 0 and now > deadline then return {'expired', tostring(now)} end
local ttype = redis.call('TYPE', toggle)['ok']
if ttype ~= 'hash' and ttype ~= 'none' then return {'toggle-type', ttype} end
if mustExist then
  if ttype == 'none' then return {'missing', ''} end
  if redis.call('HEXISTS', toggle, 'toggle') == 0 then return {'not-toggle', ''} end
end
local n = tonumber(arg())
for _ = 1, n do
  local f = arg()
  local want = arg()
  local have = redis.call('HGET', toggle, f)
  if want == '-' then
    if have then return {'changed', f} end
  elseif (not have) or ('+' .. have) ~= want then
    return {'changed', f}
  end
end
local updates, removals, entry = {}, {}, {}
n = tonumber(arg())
for _ = 1, 2 * n do updates[#updates + 1] = arg() end
n = tonumber(arg())
for _ = 1, n do removals[#removals + 1] = arg() end
n = tonumber(arg())
for _ = 1, 2 * n do entry[#entry + 1] = arg() end
local atype = redis.call('TYPE', audit)['ok']
if atype ~= 'stream' and atype ~= 'none' then return {'audit-type', atype} end
if atype == 'stream' then
  local info = redis.call('XINFO', 'STREAM', audit)
  for j = 1, #info, 2 do
    if info[j] == 'last-generated-id' then
      local ms = tonumber(string.match(info[j + 1], '^(%d+)'))
      if ms == nil or ms > now + tolerance then return {'audit-future', info[j + 1]} end
    end
  end
end
if redis.acl_check_cmd then
  if not redis.acl_check_cmd('XADD', audit, 'MAXLEN', '~', maxlen, '*', unpack(entry)) then return {'denied', 'XADD'} end
  if mode == 'delete' then
    if not redis.acl_check_cmd('DEL', toggle) then return {'denied', 'DEL'} end
  else
    if #updates > 0 and not redis.acl_check_cmd('HSET', toggle, unpack(updates)) then return {'denied', 'HSET'} end
    if #removals > 0 and not redis.acl_check_cmd('HDEL', toggle, unpack(removals)) then return {'denied', 'HDEL'} end
  end
end
local id = redis.pcall('XADD', audit, 'MAXLEN', '~', maxlen, '*', unpack(entry))
if type(id) == 'table' and id.err then return {'xadd-failed', id.err} end
local function undo(err) redis.pcall('XDEL', audit, id); return {'write-failed', err} end
if mode == 'delete' then
  local r = redis.pcall('DEL', toggle)
  if type(r) == 'table' and r.err then return undo(r.err) end
else
  if #updates > 0 then
    local r = redis.pcall('HSET', toggle, unpack(updates))
    if type(r) == 'table' and r.err then return undo(r.err) end
  end
  if #removals > 0 then
    local r = redis.pcall('HDEL', toggle, unpack(removals))
    if type(r) == 'table' and r.err then return {'partial', r.err, id} end
  end
end
return {'ok', id}
"""#

    /// How far ahead of the server's clock the audit stream's last id may be before it is treated as planted:
    /// ids made by `*` never run ahead of the clock except after a clock step back, so an hour is generous.
    static let futureToleranceMillis = 3_600_000

    /// The script with Redis 7's `allow-oom` flag: a kill must still go through when Redis is at `maxmemory`
    /// (docs/data-layout.md, "Writes") — the write is one hash update and one entry of a capped stream, so it is bounded. Older servers
    /// do not know shebang flags and refuse to compile it; the writer then sends `source` without it.
    static let sourceAllowingOOM = "#!lua flags=allow-oom\n" + source

    /// Whether an EVAL error says the server could not compile the shebang line (Redis before 7.0).
    static func isShebangUnsupported(_ message: String) -> Bool {
        message.contains("Error compiling script") || message.lowercased().contains("shebang")
    }

    /// The EVAL command for one planned write.
    static func command(toggleKey: [UInt8], auditKey: [UInt8], plan: ToggleWritePlan, deadlineMillis: Int64,
                        entry: [(String, String)], allowOOM: Bool = true) -> RedisCommand {
        var args: [any RedisArgumentConvertible] = ["EVAL", allowOOM ? sourceAllowingOOM : source, 2, toggleKey, auditKey]
        args += [plan.delete ? "delete" : "write", plan.mustExist ? "1" : "0", String(deadlineMillis),
                 AuditLog.perToggleMaxLength, futureToleranceMillis]
        args.append(plan.expected.count)
        for (field, value) in plan.expected { args += [field, value.map { [UInt8(ascii: "+")] + $0 } ?? Array("-".utf8)] }
        args.append(plan.updates.count)
        for (field, value) in plan.updates { args += [field, value] }
        args.append(plan.removals.count)
        for field in plan.removals { args.append(field) }
        args.append(entry.count)
        for (field, value) in entry { args += [field, value] }
        return RedisCommand(args)
    }
}
