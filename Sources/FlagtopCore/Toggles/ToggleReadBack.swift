import Foundation
import RedisClient

/// Resolves a write whose reply was lost (timeout, connection dropped after sending) by reading the toggle and
/// its audit stream back on a fresh connection: the write's own audit entry (found by its `op` id) proves it was
/// applied, since the entry and the change land together.
///
/// A script write carries a deadline on the server's clock and refuses to run after it, so once the server's
/// `TIME` is past the deadline a write that is not there can no longer land: the read-back first waits for that
/// (at most the command timeout plus a second). A MULTI/EXEC write has no such deadline; its absence is reported
/// as "not applied yet".
struct ToggleReadBack {
    let settings: FlagtopSettings

    struct Result {
        var conclusion: ToggleWriteReport.ReadBack
        var state: Toggle?
    }

    func resolve(toggleKey: [UInt8], name: String, auditKey: [UInt8], op: String, deadline: Int64) -> Result {
        let connection = RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-readback"))
        defer { connection.close() }
        do {
            if deadline > 0 {
                let limit = Date().addingTimeInterval(settings.timeout + 2)
                while true {
                    let time = try connection.send("TIME")
                    guard let parts = time.array, parts.count == 2, let s = parts[0].int, let us = parts[1].int else { break }
                    let now = s * 1000 + us / 1000
                    if now > deadline { break }
                    if Date() > limit { return Result(conclusion: .unknown("the server's clock did not pass the write's deadline"), state: nil) }
                    usleep(UInt32(min(max(deadline - now + 5, 5), 1000)) * 1000)
                }
            }
            let replies = try connection.pipeline([
                RedisCommand("TYPE", toggleKey), RedisCommand("HGETALL", toggleKey),
                RedisCommand("XREVRANGE", auditKey, "+", "-", "COUNT", 50),
            ])
            var state: Toggle?
            if replies[0].string == "hash", let pairs = replies[1].pairs {
                state = Toggle(key: toggleKey, name: name, fields: pairs.map { Field(RedisBytes.decode($0.key), RedisBytes.decode($0.value)) })
            }
            if let error = replies[2].serverError, error.code != "WRONGTYPE" {
                return Result(conclusion: .unknown(error.description), state: state)
            }
            for entry in replies[2].array ?? [] {
                guard let pair = entry.array, pair.count == 2, let id = pair[0].string, let kv = pair[1].pairs else { continue }
                if kv.contains(where: { $0.key == Array("op".utf8) && $0.value == Array(op.utf8) }) {
                    return Result(conclusion: .applied(auditID: id), state: state)
                }
            }
            return Result(conclusion: deadline > 0 ? .notApplied : .notAppliedYet, state: state)
        } catch {
            return Result(conclusion: .unknown(error.description), state: nil)
        }
    }
}
