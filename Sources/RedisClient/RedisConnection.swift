import CHiredis
import Foundation

/// A blocking connection to one Redis server over hiredis 0.14.
///
/// Thread model: a connection belongs to one thread at a time and is deliberately not `Sendable`.
/// Its calls block (connect, write, read), so run them on a dedicated `Thread` or serial queue,
/// never on Swift's cooperative pool. Give each worker its own connection built from the
/// (Sendable) endpoint and options.
///
/// Failure model: after any I/O error or timeout the hiredis context is freed, never reused.
/// The next call reconnects, re-applying timeouts, keepalive, AUTH, SELECT and the client name;
/// if that fails, further calls throw `.disconnected(retryIn:)` without touching the network
/// until the capped exponential backoff allows another attempt. A command is never retried by
/// the connection itself, so a write is never sent twice.
public final class RedisConnection {
    public let endpoint: RedisEndpoint
    public let options: RedisConnectionOptions

    // Internal rather than private for the streaming extension (RedisConnection+Streaming.swift).
    var context: UnsafeMutablePointer<redisContext>?
    private var backoff: Backoff
    private var nextAttempt: ContinuousClock.Instant?
    private var scratch = ArgumentScratch()
    /// Streaming state: replies owed for commands sent with `write`, and reusable I/O buffers.
    var unreadCount = 0
    var streamOutput: [UInt8] = []
    var streamInput: UnsafeMutableRawBufferPointer?

    /// The last connection-level error, kept for status displays.
    public private(set) var lastError: RedisError?
    /// How many times a context was built successfully (1 after the first connect).
    public private(set) var connectCount = 0

    public init(endpoint: RedisEndpoint, options: RedisConnectionOptions = RedisConnectionOptions()) {
        self.endpoint = endpoint
        self.options = options
        self.backoff = options.backoff
    }

    /// Connects right away (the backoff is not consulted) and throws if that fails.
    public convenience init(connectingTo endpoint: RedisEndpoint, options: RedisConnectionOptions = RedisConnectionOptions()) throws(RedisError) {
        self.init(endpoint: endpoint, options: options)
        try connect()
    }

    deinit {
        dropContext()
        scratch.release()
        streamInput?.deallocate()
    }

    public var isConnected: Bool { context != nil }

    /// Seconds until the next reconnect attempt is allowed, or nil when connected or due now.
    public var retryIn: Double? {
        guard context == nil, let next = nextAttempt else { return nil }
        let left = ContinuousClock.now.duration(to: next)
        let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
        return seconds > 0 ? seconds : nil
    }

    /// Closes the connection; the next command connects again.
    public func close() {
        dropContext()
        nextAttempt = nil
    }

    /// Connects now if not connected, ignoring the backoff timer.
    public func connect() throws(RedisError) {
        if context != nil { return }
        do {
            context = try openContext()
            connectCount += 1
            backoff.reset()
            nextAttempt = nil
            lastError = nil
        } catch {
            noteConnectFailure(error)
            throw error
        }
    }

    /// Sends one command and returns its reply; an error reply is thrown as `.server`.
    @discardableResult
    public func send(_ command: RedisCommand) throws(RedisError) -> RedisReply {
        try perform(command).get()
    }

    /// Sends one command built from the arguments; an error reply is thrown as `.server`.
    @discardableResult
    public func send(_ arguments: any RedisArgumentConvertible...) throws(RedisError) -> RedisReply {
        try perform(RedisCommand(arguments)).get()
    }

    /// Sends one command and returns its reply; an error reply is returned as `.error`, not thrown.
    public func perform(_ command: RedisCommand) throws(RedisError) -> RedisReply {
        try pipeline([command])[0]
    }

    /// Sends all commands in one write and reads all replies (one round trip).
    /// Error replies come back in place as `.error`; a connection failure throws.
    public func pipeline(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        // Check before appending anything: a batch abandoned half-appended would stay in hiredis's
        // output buffer and be sent with the next call, whose replies would then be off by one.
        guard commands.allSatisfy({ !$0.arguments.isEmpty }) else { throw .protocolError("empty command") }
        // Replies of streamed commands come first on the wire; reading them here would shift every reply.
        guard unreadCount == 0 else { throw .protocolError("\(unreadCount) replies of streamed commands are still unread") }
        try ensureConnected()
        guard let ctx = context else { throw .protocolError("no context") }
        return try SigpipeGuard.run { () throws(RedisError) -> [RedisReply] in
            for command in commands {
                let status = scratch.withArgv(command.arguments) { argc, argv, lens in
                    redisAppendCommandArgv(ctx, argc, argv, lens)
                }
                if status != REDIS_OK { throw failContext() }
            }
            var replies: [RedisReply] = []
            replies.reserveCapacity(commands.count)
            for _ in commands {
                var raw: UnsafeMutableRawPointer?
                if redisGetReply(ctx, &raw) != REDIS_OK || raw == nil {
                    throw failContext()
                }
                let reply = raw!.assumingMemoryBound(to: redisReply.self)
                replies.append(RedisReply(copying: reply))
                freeReplyObject(raw)
            }
            return replies
        }
    }

    /// Runs the commands atomically with MULTI/EXEC in one round trip and returns EXEC's replies.
    /// Throws if a command was rejected while queueing (nothing is applied) or the EXEC was aborted.
    public func transaction(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        var all = [RedisCommand("MULTI")]
        all.append(contentsOf: commands)
        all.append(RedisCommand("EXEC"))
        let replies = try pipeline(all)
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

    // MARK: - Connecting

    func ensureConnected() throws(RedisError) {
        if context != nil { return }
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

    private static func shortReason(_ error: RedisError) -> String {
        switch error {
        case let .connectionRefused(m), let .connectionClosed(m), let .timeout(m), let .authFailed(m), let .protocolError(m):
            return m
        default:
            return error.description
        }
    }

    private func openContext() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        let tv = Self.timeval(options.connectTimeout)
        let opened: UnsafeMutablePointer<redisContext>?
        switch endpoint.address {
        case let .tcp(host, port): opened = redisConnectWithTimeout(host, Int32(port), tv)
        case let .unix(path): opened = redisConnectUnixWithTimeout(path, tv)
        }
        guard let ctx = opened else { throw .connectionRefused("\(endpoint.redacted): out of memory") }
        if ctx.pointee.err != 0 {
            let error = Self.connectError(ctx, endpoint: endpoint)
            redisFree(ctx)
            throw error
        }
        if options.commandTimeout > 0 { _ = redisSetTimeout(ctx, Self.timeval(options.commandTimeout)) }
        if options.keepAlive, case .tcp = endpoint.address { _ = redisEnableKeepAlive(ctx) }
        context = ctx
        do {
            try handshake()
        } catch {
            context = nil
            redisFree(ctx)
            throw error
        }
        context = nil
        return ctx
    }

    /// AUTH, SELECT and CLIENT SETNAME, pipelined in one round trip.
    private func handshake() throws(RedisError) {
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
        guard !commands.isEmpty else { return }
        let replies: [RedisReply]
        do {
            replies = try pipelineOnOpenContext(commands)
        } catch {
            throw Self.handshakeIOError(error, endpoint: endpoint)
        }
        if let i = authIndex, case let .error(message) = replies[i] {
            throw .authFailed("\(endpoint.redacted): \(Self.firstLine(message))")
        }
        for reply in replies {
            if case let .error(message) = reply {
                if message.hasPrefix("NOAUTH") { throw .authFailed("\(endpoint.redacted): the server needs a password (NOAUTH)") }
                if message.hasPrefix("WRONGPASS") { throw .authFailed("\(endpoint.redacted): \(Self.firstLine(message))") }
            }
        }
        if let i = selectIndex, case let .error(message) = replies[i] {
            throw .server(code: "ERR", message: "SELECT \(endpoint.database) failed: \(Self.firstLine(message))")
        }
    }

    private func pipelineOnOpenContext(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        guard let ctx = context else { throw .protocolError("no context") }
        return try SigpipeGuard.run { () throws(RedisError) -> [RedisReply] in
            for command in commands {
                let status = scratch.withArgv(command.arguments) { argc, argv, lens in
                    redisAppendCommandArgv(ctx, argc, argv, lens)
                }
                if status != REDIS_OK { throw Self.ioError(ctx) }
            }
            var replies: [RedisReply] = []
            for _ in commands {
                var raw: UnsafeMutableRawPointer?
                if redisGetReply(ctx, &raw) != REDIS_OK || raw == nil { throw Self.ioError(ctx) }
                replies.append(RedisReply(copying: raw!.assumingMemoryBound(to: redisReply.self)))
                freeReplyObject(raw)
            }
            return replies
        }
    }

    private static func handshakeIOError(_ error: RedisError, endpoint: RedisEndpoint) -> RedisError {
        switch error {
        case let .connectionClosed(m): return .connectionRefused("\(endpoint.redacted): \(m)")
        default: return error
        }
    }

    /// Frees the broken context, records the failure and returns the typed error.
    func failContext() -> RedisError {
        guard let ctx = context else { return .protocolError("no context") }
        return failContext(with: Self.ioError(ctx))
    }

    /// Frees the broken context, records `error` as the reason and returns it.
    func failContext(with error: RedisError) -> RedisError {
        dropContext()
        lastError = error
        // The first reconnect may be tried at once; the backoff grows only if connecting fails.
        nextAttempt = nil
        return error
    }

    private func dropContext() {
        if let ctx = context { redisFree(ctx) }
        context = nil
        unreadCount = 0
    }

    // MARK: - Error mapping

    private static func errorString(_ ctx: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: &ctx.pointee.errstr) { raw in
            let bytes = raw.prefix(while: { $0 != 0 })
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func ioError(_ ctx: UnsafeMutablePointer<redisContext>) -> RedisError {
        let message = errorString(ctx)
        switch ctx.pointee.err {
        case REDIS_ERR_IO:
            if message.contains("temporarily unavailable") || message.lowercased().contains("timed out") {
                return .timeout("no reply within the command timeout")
            }
            return .connectionClosed(message.isEmpty ? "I/O error" : message)
        case REDIS_ERR_EOF: return .connectionClosed(message.isEmpty ? "server closed the connection" : message)
        case REDIS_ERR_PROTOCOL: return .protocolError(message)
        default: return .connectionClosed(message)
        }
    }

    private static func connectError(_ ctx: UnsafeMutablePointer<redisContext>, endpoint: RedisEndpoint) -> RedisError {
        let message = errorString(ctx)
        if message.contains("temporarily unavailable") || message.lowercased().contains("timed out")
            || message.contains("in progress") {
            return .timeout("\(endpoint.redacted): connect timed out")
        }
        return .connectionRefused("\(endpoint.redacted): \(message)")
    }

    static func firstLine(_ text: String) -> String {
        String(text.prefix(while: { !$0.isNewline }))
    }

    private static func timeval(_ seconds: Double) -> Glibc.timeval {
        let whole = Int(seconds)
        let micros = Int((seconds - Double(whole)) * 1_000_000)
        return Glibc.timeval(tv_sec: whole, tv_usec: micros)
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

/// Reusable memory for argv/argvlen so a command costs no per-argument allocation.
struct ArgumentScratch {
    private var bytes: UnsafeMutableRawPointer?
    private var capacity = 0
    private var pointers: [UnsafePointer<CChar>?] = []
    private var lengths: [Int] = []

    mutating func withArgv<R>(
        _ arguments: [[UInt8]],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R
    ) -> R {
        let total = arguments.reduce(0) { $0 + $1.count } + 1
        if total > capacity {
            bytes?.deallocate()
            capacity = max(total, capacity * 2, 4096)
            bytes = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
        }
        pointers.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        var offset = 0
        let base = bytes!
        for argument in arguments {
            let start = base + offset
            argument.withUnsafeBytes { src in
                if src.count > 0 { start.copyMemory(from: src.baseAddress!, byteCount: src.count) }
            }
            pointers.append(UnsafePointer(start.assumingMemoryBound(to: CChar.self)))
            lengths.append(argument.count)
            offset += argument.count
        }
        return pointers.withUnsafeMutableBufferPointer { argv in
            lengths.withUnsafeBufferPointer { lens in
                body(Int32(arguments.count), argv.baseAddress!, lens.baseAddress!)
            }
        }
    }

    // The scratch lives exactly as long as its connection; freeing happens in release().
    mutating func release() {
        bytes?.deallocate()
        bytes = nil
        capacity = 0
    }
}
