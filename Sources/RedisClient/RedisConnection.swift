import CHiredis
import Foundation

/// A blocking connection to one Redis server: a transport (TCP, unix socket or TLS) with hiredis's reader and
/// command formatter as the protocol engine. Calls, pipelines, transactions, streamed writes and pushed
/// messages all take this one wire path.
///
/// Thread model: a connection belongs to one thread at a time and is deliberately not `Sendable`.
/// Its calls block (connect, write, read), so run them on a dedicated `Thread` or serial queue,
/// never on Swift's cooperative pool. Give each worker its own connection built from the
/// (Sendable) endpoint and options.
///
/// Failure model: after any I/O error or timeout the transport is closed, never reused. The next call
/// reconnects, re-applying keepalive, TLS, AUTH, SELECT and the client name; if that fails, further calls throw
/// `.disconnected(retryIn:)` without touching the network until the capped exponential backoff allows another
/// attempt. A command is never retried by the connection itself, so a write is never sent twice.
public final class RedisConnection: RedisClientProtocol {
    public let endpoint: RedisEndpoint
    public let options: RedisConnectionOptions

    // Internal rather than private for the streaming extension (RedisConnection+Streaming.swift).
    var transport: (any RedisTransport)?
    var reader: ReplyReader?
    private var backoff: Backoff
    private var nextAttempt: ContinuousClock.Instant?
    private var scratch = ArgumentScratch()
    /// Formatted commands waiting to be sent, reused between calls.
    private var output: [UInt8] = []
    /// Receive buffer, allocated on first use.
    private var input: UnsafeMutableRawBufferPointer?
    /// Streaming state: replies owed for commands sent with `write`.
    var unreadCount = 0

    /// The last connection-level error, kept for status displays.
    public private(set) var lastError: RedisError?
    /// How many times a connection was established successfully (1 after the first connect).
    public private(set) var connectCount = 0
    /// The server this connection reached last: the endpoint's address, or the master a sentinel named.
    public private(set) var connectedAddress: RedisEndpoint.Address?
    /// Sentinels in the order to ask them: the one that answered last comes first.
    var sentinelOrder: [RedisEndpoint.Address]
    /// A subscription to `+switch-master` on the sentinel that answered, read without blocking before each
    /// command, so a failover moves this connection to the new master at its next command.
    var sentinelWatch: RedisConnection?

    public init(endpoint: RedisEndpoint, options: RedisConnectionOptions = RedisConnectionOptions()) {
        self.endpoint = endpoint
        self.options = options
        self.backoff = options.backoff
        self.sentinelOrder = endpoint.sentinel?.sentinels ?? []
    }

    /// Connects right away (the backoff is not consulted) and throws if that fails.
    public convenience init(connectingTo endpoint: RedisEndpoint, options: RedisConnectionOptions = RedisConnectionOptions()) throws(RedisError) {
        self.init(endpoint: endpoint, options: options)
        try connect()
    }

    deinit {
        dropTransport()
        scratch.release()
        input?.deallocate()
    }

    public var isConnected: Bool { transport != nil }

    /// Whether the connection speaks TLS.
    public var isTLS: Bool { endpoint.tls != nil }

    /// Seconds until the next reconnect attempt is allowed, or nil when connected or due now.
    public var retryIn: Double? {
        guard transport == nil, let next = nextAttempt else { return nil }
        let left = ContinuousClock.now.duration(to: next)
        let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
        return seconds > 0 ? seconds : nil
    }

    /// Closes the connection; the next command connects again.
    public func close() {
        dropTransport()
        nextAttempt = nil
    }

    /// Connects now if not connected, ignoring the backoff timer.
    public func connect() throws(RedisError) {
        if transport != nil { return }
        do {
            try open()
            connectCount += 1
            backoff.reset()
            nextAttempt = nil
            lastError = nil
        } catch {
            noteConnectFailure(error)
            throw error
        }
    }

    /// Sends all commands in one write and reads all replies (one round trip), all within one command timeout.
    /// Error replies come back in place as `.error`; a connection failure throws.
    public func pipeline(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        // Check before formatting anything: a batch abandoned half-sent would leave replies off by one.
        guard commands.allSatisfy({ !$0.arguments.isEmpty }) else { throw .protocolError("empty command") }
        // Replies of streamed commands come first on the wire; reading them here would shift every reply.
        guard unreadCount == 0 else { throw .protocolError("\(unreadCount) replies of streamed commands are still unread") }
        if endpoint.sentinel != nil { followSentinelSwitch() }
        try ensureConnected()
        let replies = try exchange(commands, deadline: .after(seconds: options.commandTimeout))
        // Under Sentinel, READONLY means the master we reached was demoted by a failover: the next command
        // asks the sentinels again instead of writing to a replica forever.
        if endpoint.sentinel != nil, replies.contains(where: { $0.serverError?.kind == .readOnlyReplica }) {
            _ = failTransport(with: .connectionClosed("the master was demoted (Sentinel failover); asking the sentinels again"))
        }
        return replies
    }

    /// Runs the commands atomically with MULTI/EXEC in one round trip and returns EXEC's replies.
    /// Throws if a command was rejected while queueing (nothing is applied) or the EXEC was aborted.
    @discardableResult
    public func transaction(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        var all = [RedisCommand("MULTI")]
        all.append(contentsOf: commands)
        all.append(RedisCommand("EXEC"))
        return try Self.execResult(try pipeline(all))
    }

    /// EXEC's replies from the replies of `[…, MULTI, commands…, EXEC]`: the first refusal while queueing is
    /// thrown (nothing was applied), an aborted EXEC is `EXECABORT`.
    static func execResult(_ replies: [RedisReply]) throws(RedisError) -> [RedisReply] {
        for reply in replies.dropLast() {
            if let error = reply.serverError { throw error }
        }
        switch replies.last! {
        case let .array(results): return results
        case .null: throw .server(code: "EXECABORT", message: "EXECABORT transaction aborted (a watched key changed)")
        case let .error(message): throw RedisError.fromServer(message)
        default: throw .protocolError("unexpected EXEC reply")
        }
    }

    // MARK: - The wire

    /// Writes the commands and reads one reply each before the deadline; any I/O failure drops the transport.
    private func exchange(_ commands: [RedisCommand], deadline: Deadline) throws(RedisError) -> [RedisReply] {
        try sendFormatted(commands, deadline: deadline)
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands { replies.append(try readReply(deadline: deadline)) }
        return replies
    }

    /// Formats the commands with hiredis (`redisFormatCommandArgv`) and sends them in one write.
    func sendFormatted(_ commands: [RedisCommand], deadline: Deadline) throws(RedisError) {
        guard let transport else { throw .protocolError("not connected") }
        output.removeAll(keepingCapacity: true)
        for command in commands {
            var target: UnsafeMutablePointer<CChar>?
            let length = scratch.withArgv(command.arguments) { argc, argv, lens in
                redisFormatCommandArgv(&target, argc, argv, lens)
            }
            guard length > 0, let target else { throw failTransport(with: .protocolError("cannot format \(command.name): out of memory")) }
            output.append(contentsOf: UnsafeRawBufferPointer(start: target, count: Int(length)))
            redisFreeCommand(target)
        }
        let failure: RedisError? = output.withUnsafeBytes { bytes in
            do throws(RedisError) {
                try transport.send(bytes, deadline: deadline)
                return nil
            } catch {
                return error
            }
        }
        // Even a partial send leaves the stream out of step with the server: the connection goes.
        if let failure { throw failTransport(with: failure) }
    }

    /// The next reply, reading from the transport until it is complete or the deadline passes; nil only with
    /// `.immediate` when no complete reply is there yet.
    func nextAvailableReply(deadline: Deadline) throws(RedisError) -> RedisReply? {
        guard let transport, let reader else { throw .connectionClosed("not connected") }
        let buffer = inputBuffer()
        do throws(RedisError) {
            while true {
                if let reply = try reader.next() { return reply }
                let n = try transport.receive(into: buffer, deadline: deadline)
                if n == 0 { return nil }
                try reader.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
        } catch {
            throw failTransport(with: error)
        }
    }

    func readReply(deadline: Deadline) throws(RedisError) -> RedisReply {
        guard let reply = try nextAvailableReply(deadline: deadline) else { throw failTransport(with: .timeout("no reply within the command timeout")) }
        return reply
    }

    private func inputBuffer() -> UnsafeMutableRawBufferPointer {
        if let input { return input }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        input = buffer
        return buffer
    }

    // MARK: - Connecting

    func ensureConnected() throws(RedisError) {
        if transport != nil { return }
        if let next = nextAttempt, ContinuousClock.now < next {
            throw .disconnected(retryIn: retryIn ?? 0, lastError: lastError.map(Self.shortReason) ?? "not connected")
        }
        try connect()
    }

    private func noteConnectFailure(_ error: RedisError) {
        lastError = error
        backoff.recordFailure()
        let delay = backoff.currentDelay
        nextAttempt = ContinuousClock.now.advanced(by: .milliseconds(Int(delay * 1000)))
    }

    static func shortReason(_ error: RedisError) -> String {
        switch error {
        case let .connectionRefused(m), let .connectionClosed(m), let .timeout(m), let .authFailed(m), let .protocolError(m):
            return m
        default:
            return error.description
        }
    }

    /// Socket, TLS, then the handshake; on any failure nothing is kept.
    private func open() throws(RedisError) {
        let deadline = Deadline.after(seconds: options.connectTimeout)
        var address = endpoint.address
        if let sentinel = endpoint.sentinel { address = try resolveMaster(sentinel) }
        let fd: Int32
        do {
            fd = try SocketTransport.connect(to: address, timeout: options.connectTimeout, keepAlive: options.keepAlive)
        } catch {
            throw Self.connectError(error, endpoint: endpoint)
        }
        let opened: any RedisTransport
        if let tls = endpoint.tls {
            guard case let .tcp(host, _) = address else {
                _ = Glibc.close(fd)
                throw .tls("TLS needs a TCP address, not a unix socket")
            }
            do {
                opened = try TLSTransport(fd: fd, host: host, tls: tls, deadline: deadline)
            } catch {
                throw Self.connectError(error, endpoint: endpoint)
            }
        } else {
            opened = SocketTransport(fd: fd)
        }
        guard let made = ReplyReader(maxReplyBytes: options.maxReplyBytes) else {
            opened.close()
            throw .connectionRefused("\(endpoint.redacted): out of memory")
        }
        transport = opened
        reader = made
        do {
            try handshake(checkRole: endpoint.sentinel != nil)
        } catch {
            dropTransport()
            throw error
        }
        connectedAddress = address
        if let sentinel = endpoint.sentinel { watchSentinel(sentinel) }
    }

    /// AUTH, SELECT, CLIENT SETNAME (and ROLE under Sentinel), pipelined in one round trip.
    private func handshake(checkRole: Bool) throws(RedisError) {
        var commands: [RedisCommand] = []
        var authIndex: Int?
        if let password = endpoint.password {
            authIndex = commands.count
            if let user = endpoint.username { commands.append(RedisCommand("AUTH", user, password)) }
            else { commands.append(RedisCommand("AUTH", password)) }
        } else if let user = endpoint.username {
            authIndex = commands.count
            commands.append(RedisCommand("AUTH", user, ""))
        }
        var selectIndex: Int?
        if endpoint.database != 0 {
            selectIndex = commands.count
            commands.append(RedisCommand("SELECT", endpoint.database))
        }
        if let name = options.clientName { commands.append(RedisCommand("CLIENT", "SETNAME", name)) }
        var roleIndex: Int?
        if checkRole {
            roleIndex = commands.count
            commands.append(RedisCommand("ROLE"))
        }
        guard !commands.isEmpty else { return }
        let replies: [RedisReply]
        do {
            replies = try exchange(commands, deadline: .after(seconds: options.commandTimeout > 0 ? options.commandTimeout : options.connectTimeout))
        } catch {
            throw handshakeIOError(error)
        }
        if let i = authIndex, case let .error(message) = replies[i] {
            if message.hasPrefix("DENIED") { throw .connectionRefused("\(endpoint.redacted): \(Self.firstLine(message))") }
            throw .authFailed("\(endpoint.redacted): \(Self.firstLine(message))")
        }
        for reply in replies {
            if case let .error(message) = reply {
                if message.hasPrefix("NOAUTH") { throw .authFailed("\(endpoint.redacted): the server needs a password (NOAUTH)") }
                if message.hasPrefix("WRONGPASS") { throw .authFailed("\(endpoint.redacted): \(Self.firstLine(message))") }
                // Protected mode answers every command with its explanation, then closes: show it as written.
                if message.hasPrefix("DENIED") { throw .connectionRefused("\(endpoint.redacted): \(Self.firstLine(message))") }
            }
        }
        if let i = selectIndex, case let .error(message) = replies[i] {
            throw .server(code: "ERR", message: "SELECT \(endpoint.database) failed: \(Self.firstLine(message))")
        }
        // A sentinel may still name a demoted master for a moment: only a master is accepted.
        if let i = roleIndex, let role = replies[i].array?.first?.string, role != "master" {
            throw .connectionRefused("\(endpoint.redacted): the sentinels named a server whose role is '\(role)', not master; asking again")
        }
    }

    /// A connection that closes before its first reply is usually a TLS-only port spoken to in plain text.
    private func handshakeIOError(_ error: RedisError) -> RedisError {
        switch error {
        case let .connectionClosed(m):
            if endpoint.tls == nil, case .tcp = endpoint.address {
                return .connectionRefused("\(endpoint.redacted): \(m) before answering; the server probably requires TLS (use rediss://)")
            }
            return .connectionRefused("\(endpoint.redacted): \(m)")
        case let .protocolError(m):
            if endpoint.tls == nil, case .tcp = endpoint.address {
                return .connectionRefused("\(endpoint.redacted): unreadable answer (\(m)); the server probably requires TLS (use rediss://)")
            }
            return error
        default: return error
        }
    }

    private static func connectError(_ error: RedisError, endpoint: RedisEndpoint) -> RedisError {
        switch error {
        case let .connectionRefused(m): return .connectionRefused("\(endpoint.redacted): \(m)")
        case let .timeout(m): return .timeout("\(endpoint.redacted): \(m)")
        case let .tls(m): return .tls("\(endpoint.redacted): \(m)")
        case let .connectionClosed(m): return .connectionRefused("\(endpoint.redacted): \(m)")
        default: return error
        }
    }

    /// Closes the broken transport, records `error` as the reason and returns it.
    func failTransport(with error: RedisError) -> RedisError {
        dropTransport()
        lastError = error
        // The first reconnect may be tried at once; the backoff grows only if connecting fails.
        nextAttempt = nil
        return error
    }

    func dropTransport() {
        transport?.close()
        transport = nil
        reader = nil
        unreadCount = 0
    }

    static func firstLine(_ text: String) -> String {
        String(text.prefix(while: { !$0.isNewline }))
    }
}

extension RedisReply {
    /// Deep-copies a hiredis reply; the caller frees the C reply afterwards.
    init(copying reply: UnsafeMutablePointer<redisReply>) {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_STRING:
            self = .bulk(r.len > 0 ? Array(UnsafeRawBufferPointer(start: r.str, count: r.len)) : [])
        case REDIS_REPLY_STATUS:
            self = .status(String(decoding: UnsafeRawBufferPointer(start: r.str, count: r.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            self = .error(String(decoding: UnsafeRawBufferPointer(start: r.str, count: r.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            self = .integer(r.integer)
        case REDIS_REPLY_ARRAY:
            var items: [RedisReply] = []
            items.reserveCapacity(r.elements)
            for i in 0..<r.elements {
                if let element = r.element[i] { items.append(RedisReply(copying: element)) } else { items.append(.null) }
            }
            self = .array(items)
        default:
            self = .null
        }
    }
}
