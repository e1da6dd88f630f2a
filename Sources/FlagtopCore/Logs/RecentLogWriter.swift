import Foundation
import RedisClient

/// Streams recent-log messages in the seeds' layout (`log_recent`: MULTI, LPUSH `<asctime> <message>`,
/// LTRIM 0 99, EXEC per message) without waiting a round trip per message.
///
/// ```swift
/// let logs = flags.logWriter()
/// for order in orders { try logs.send(name: "checkout", message: "order \(order) served") }
/// let acks = try logs.flush()   // waits for Redis's answers
/// if acks.failed > 0 { print(acks.failures) }
/// ```
///
/// Each `send` writes its message to the socket at once (no batching: a message is never held back) and
/// then takes whatever acknowledgements have already arrived, without waiting. At most `maxUnacknowledged`
/// messages are in flight: past that, `send` waits for the oldest answers. `flush` waits for every answer
/// and reports what Redis acknowledged and refused since the previous flush. A message is counted as written
/// only when Redis acknowledged all of it; an error reply counts as failed, and a lost connection throws
/// `LogStreamError` with the messages whose fate is unknown.
///
/// Thread model: a writer owns one connection and belongs to one thread at a time (it is not `Sendable`);
/// give each logging thread its own. Messages sent and never flushed still reach Redis; only their
/// acknowledgements go unread.
public final class RecentLogWriter {
    public let maxUnacknowledged: Int
    private let connection: RedisConnection

    private static let multi = RedisCommand("MULTI")
    private static let exec = RedisCommand("EXEC")
    /// MULTI, LPUSH, LTRIM, EXEC.
    private static let repliesPerMessage = 4

    /// Keys of the messages awaiting answers, oldest at `head`.
    private var pendingKeys: [String] = []
    private var head = 0
    private var firstPendingSequence = 0
    /// Progress through the oldest message's four replies, and the first error among them.
    private var repliesSeen = 0
    private var headError: RedisError?
    private var acks = LogAcks()
    private var nextSequence = 0
    private var commands: [RedisCommand] = []

    /// The last destination and time stamp, reused while they do not change.
    private var lastName = "", lastSeverity = "", lastKey = ""
    private var lastKeyBytes: [UInt8] = []
    private var lastTrim = RedisCommand("LTRIM")
    private var lastSecond = -1
    private var lastStamp = ""

    /// A writer with its own connection to `settings.endpoint` (connected on the first send).
    public convenience init(settings: FlagtopSettings, maxUnacknowledged: Int = 10_000) {
        self.init(connection: RedisConnection(endpoint: settings.endpoint, options: settings.connectionOptions(name: "flagtop-log")),
                  maxUnacknowledged: maxUnacknowledged)
    }

    /// A writer over `connection`, which it then owns: nothing else may use it.
    public init(connection: RedisConnection, maxUnacknowledged: Int = 10_000) {
        self.connection = connection
        self.maxUnacknowledged = max(1, maxUnacknowledged)
    }

    /// Messages sent whose answer has not been read yet.
    public var unacknowledged: Int { pendingKeys.count - head }

    /// Writes one message now; returns its sequence number (send order, from 0), as used in `LogFailure`.
    /// Throws only when the connection fails; a refusal by Redis shows up in the next `flush`.
    @discardableResult
    public func send(name: String, message: String, severity: String = "info") throws(LogStreamError) -> Int {
        while unacknowledged >= maxUnacknowledged { try absorb(waiting: true) }
        let key = destination(name: name, severity: severity)
        commands.removeAll(keepingCapacity: true)
        commands.append(Self.multi)
        commands.append(RedisCommand([Self.lpush, lastKeyBytes, Array((stamp() + " " + message).utf8)]))
        commands.append(lastTrim)
        commands.append(Self.exec)
        let sequence = nextSequence
        do { try connection.write(commands) } catch { throw lose(.redis(error), plus: 1) }
        nextSequence += 1
        if head == pendingKeys.count { firstPendingSequence = sequence }
        pendingKeys.append(key)
        try absorb(waiting: false)
        return sequence
    }

    /// Waits for the answers to every message sent and returns what Redis acknowledged and refused since the
    /// last flush. Throws `LogStreamError` when the connection fails before all answers are in.
    public func flush() throws(LogStreamError) -> LogAcks {
        while unacknowledged > 0 { try absorb(waiting: true) }
        defer { acks = LogAcks() }
        return acks
    }

    // MARK: - Replies

    private static let lpush = Array("LPUSH".utf8)

    /// Reads replies: those already here, or (`waiting`) at least one message's worth.
    private func absorb(waiting: Bool) throws(LogStreamError) {
        let target = unacknowledged - 1
        do {
            while unacknowledged > 0 {
                if waiting && unacknowledged > target {
                    take(try connection.nextReply())
                } else if let reply = try connection.pollReply() {
                    take(reply)
                } else {
                    return
                }
            }
        } catch {
            throw lose(.redis(error), plus: 0)
        }
    }

    /// One reply, in order: MULTI, LPUSH, LTRIM, EXEC of the oldest pending message.
    private func take(_ reply: RedisReply) {
        repliesSeen += 1
        if headError == nil {
            if let error = reply.serverError {
                headError = error
            } else if repliesSeen == Self.repliesPerMessage {
                switch reply {
                case let .array(results): headError = results.lazy.compactMap(\.serverError).first
                case .null: headError = .server(code: "EXECABORT", message: "EXECABORT transaction aborted")
                default: headError = .protocolError("unexpected EXEC reply")
                }
            }
        }
        guard repliesSeen == Self.repliesPerMessage else { return }
        let key = pendingKeys[head]
        if let headError {
            let error: FlagtopError = headError.code == "WRONGTYPE"
                ? .wrongType(key: key, type: "key of another type", expected: "list") : .redis(headError)
            acks.record(LogFailure(sequence: firstPendingSequence, key: key, error: error))
        } else {
            acks.acknowledged += 1
        }
        head += 1
        firstPendingSequence += 1
        repliesSeen = 0
        headError = nil
        if head == pendingKeys.count {
            pendingKeys.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1_024 && head * 2 >= pendingKeys.count {
            pendingKeys.removeFirst(head)
            head = 0
        }
    }

    /// The connection failed: everything pending is unknown. Reports and forgets it, so the next send starts
    /// afresh on a new connection.
    private func lose(_ cause: FlagtopError, plus extra: Int) -> LogStreamError {
        let error = LogStreamError(cause: cause, acks: acks, unacknowledged: unacknowledged + extra)
        acks = LogAcks()
        pendingKeys.removeAll(keepingCapacity: true)
        head = 0
        repliesSeen = 0
        headError = nil
        return error
    }

    // MARK: - Message parts

    /// `recent:<name>:<severity>`, rebuilt only when the destination changes.
    private func destination(name: String, severity: String) -> String {
        if name != lastName || severity != lastSeverity {
            lastName = name
            lastSeverity = severity
            lastKey = RecentLogs.key(name: name, severity: Severity.normalize(severity))
            lastKeyBytes = Array(lastKey.utf8)
            lastTrim = RedisCommand("LTRIM", lastKey, 0, RecentLogs.capacity - 1)
        }
        return lastKey
    }

    /// `time.asctime()` of now, formatted once per second.
    private func stamp() -> String {
        let now = time(nil)
        if now != lastSecond {
            lastSecond = now
            lastStamp = AscTime.format(now)
        }
        return lastStamp
    }
}
