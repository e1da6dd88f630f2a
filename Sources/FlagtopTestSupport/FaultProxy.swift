import Foundation

/// A small TCP proxy for fault tests, on loopback only: forwards to a redis-server's TCP port and can drop the
/// replies after a chosen command (the reply to a write is lost, the connection stays open so the client times
/// out), hold a matching request for some seconds before forwarding it (a stall), or add latency both ways.
/// Bounded: at most `maxConnections` at once, one thread each; `stop()` closes everything and joins the threads.
public final class FaultProxy: @unchecked Sendable {
    /// What to do with traffic, changeable while running (applies to data seen after the change).
    public struct Behaviour: Sendable {
        /// Once a client sends bytes containing this, its connection's replies are swallowed from then on.
        public var dropRepliesAfter: [UInt8]?
        /// A client chunk containing `hold.trigger` is held `hold.seconds` before it is forwarded.
        public var hold: (trigger: [UInt8], seconds: Double)?
        /// Added before forwarding every chunk, each direction (so a round trip gains twice this).
        public var latency: Double = 0

        public init(dropRepliesAfter: String? = nil, hold: (String, Double)? = nil, latency: Double = 0) {
            self.dropRepliesAfter = dropRepliesAfter.map { Array($0.utf8) }
            self.hold = hold.map { (Array($0.0.utf8), $0.1) }
            self.latency = latency
        }
    }

    public let port: Int
    public let maxConnections = 16
    private let upstreamPort: Int
    private let listener: Int32
    private let lock = NSLock()
    private var behaviour: Behaviour
    private var stopped = false
    private var sockets: Set<Int32> = []
    private var threads: [Thread] = []
    private var active = 0

    public init(upstreamPort: Int, behaviour: Behaviour = Behaviour()) throws {
        self.upstreamPort = upstreamPort
        self.behaviour = behaviour
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProxyError("socket() failed") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = Self.loopback(port: 0)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw ProxyError("bind/listen failed") }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        listener = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
        let acceptor = Thread { [self] in acceptLoop() }
        threads.append(acceptor)
        acceptor.start()
    }

    /// `redis://127.0.0.1:<port>/0` with an optional user and password.
    public func url(user: String? = nil, password: String? = nil) -> String {
        let auth = password.map { "\(user ?? ""):\($0)@" } ?? ""
        return "redis://\(auth)127.0.0.1:\(port)/0"
    }

    public func set(_ new: Behaviour) { lock.withLock { behaviour = new } }

    public func stop() {
        let (all, toJoin): (Set<Int32>, [Thread]) = lock.withLock {
            stopped = true
            return (sockets, threads)
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in all { shutdown(fd, Int32(SHUT_RDWR)) }
        let deadline = Date().addingTimeInterval(15)
        while toJoin.contains(where: { !$0.isFinished }) && Date() < deadline { usleep(10_000) }
        lock.withLock { for fd in sockets { close(fd) }; sockets.removeAll() }
    }

    deinit { if !lock.withLock({ stopped }) { stop() } }

    private func acceptLoop() {
        while !lock.withLock({ stopped }) {
            var pfd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 100) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            let admitted = lock.withLock { () -> Bool in
                guard !stopped, active < maxConnections else { return false }
                active += 1
                sockets.insert(client)
                return true
            }
            guard admitted else { close(client); continue }
            let thread = Thread { [self] in
                relay(client)
                lock.withLock { active -= 1 }
            }
            lock.withLock { threads.append(thread) }
            thread.start()
        }
    }

    private func relay(_ client: Int32) {
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = Self.loopback(port: upstreamPort)
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        lock.withLock { _ = sockets.insert(upstream) }
        defer {
            lock.withLock { _ = sockets.remove(client); _ = sockets.remove(upstream) }
            close(client)
            close(upstream)
        }
        guard connected == 0 else { return }
        var dropping = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        var fds = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: upstream, events: Int16(POLLIN), revents: 0)]
        while !lock.withLock({ stopped }) {
            guard poll(&fds, 2, 100) >= 0 else { return }
            for i in 0..<2 where fds[i].revents != 0 {
                let n = read(fds[i].fd, &buffer, buffer.count)
                if n <= 0 { return }
                let chunk = Array(buffer[0..<n])
                let now = lock.withLock { behaviour }
                if now.latency > 0 { Thread.sleep(forTimeInterval: now.latency) }
                if i == 0 {
                    if let trigger = now.dropRepliesAfter, Self.contains(chunk, trigger) { dropping = true }
                    if let hold = now.hold, Self.contains(chunk, hold.trigger) { Thread.sleep(forTimeInterval: hold.seconds) }
                    if !Self.writeAll(upstream, chunk) { return }
                } else if !dropping {
                    if !Self.writeAll(client, chunk) { return }
                }
            }
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    static func loopback(port: Int) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return addr
    }
}

struct ProxyError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
