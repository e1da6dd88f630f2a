import Glibc

/// A plain TCP or unix-domain socket in non-blocking mode; every wait is a `poll` bounded by the deadline.
/// Sends use MSG_NOSIGNAL, so a dead server is an error, never a SIGPIPE.
final class SocketTransport: RedisTransport {
    private(set) var fd: Int32

    init(fd: Int32) { self.fd = fd }
    deinit { close() }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws(RedisError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if n > 0 { offset += n; continue }
            let code = n == 0 ? EPIPE : errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                if deadline.isImmediate || !deadline.wait(fd: fd, events: Int16(POLLOUT)) {
                    throw .timeout("could not send within the command timeout (the server stopped reading)")
                }
                continue
            }
            throw .connectionClosed(SocketTransport.errnoText(code))
        }
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(RedisError) -> Int {
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, 0)
            if n > 0 { return n }
            if n == 0 { throw .connectionClosed("server closed the connection") }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw .connectionClosed(SocketTransport.errnoText(code)) }
            if deadline.isImmediate { return 0 }
            if !deadline.wait(fd: fd, events: Int16(POLLIN)) { throw .timeout("no reply within the command timeout") }
        }
    }

    // MARK: - Connecting

    /// Opens a non-blocking socket to the address within `timeout` seconds; the message of a failure names
    /// what went wrong as the system said it ("Connection refused", "No such file or directory").
    static func connect(to address: RedisEndpoint.Address, timeout: Double, keepAlive: Bool) throws(RedisError) -> Int32 {
        let deadline = Deadline.after(seconds: timeout)
        switch address {
        case let .unix(path):
            return try connectUnix(path, deadline: deadline)
        case let .tcp(host, port):
            let fd = try connectTCP(host: host, port: port, deadline: deadline)
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if keepAlive { enableKeepAlive(fd) }
            return fd
        }
    }

    private static func connectUnix(_ path: String, deadline: Deadline) throws(RedisError) -> Int32 {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        guard bytes.count < capacity else { throw .connectionRefused("unix socket path too long (\(bytes.count) bytes)") }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw .connectionRefused(errnoText(errno)) }
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if let error = finishConnect(fd, result: result, deadline: deadline) {
            Glibc.close(fd)
            throw error
        }
        return fd
    }

    private static func connectTCP(host: String, port: Int, deadline: Deadline) throws(RedisError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .connectionRefused("cannot resolve host: \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError: RedisError = .connectionRefused("no address for host")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue),
                            info.pointee.ai_protocol)
            guard fd >= 0 else { lastError = .connectionRefused(errnoText(errno)); continue }
            let result = Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
            if let error = finishConnect(fd, result: result, deadline: deadline) {
                Glibc.close(fd)
                lastError = error
                if case .timeout = error { break }
                continue
            }
            return fd
        }
        throw lastError
    }

    /// Waits for a non-blocking connect to finish; nil when connected.
    private static func finishConnect(_ fd: Int32, result: Int32, deadline: Deadline) -> RedisError? {
        if result == 0 { return nil }
        let code = errno
        guard code == EINPROGRESS || code == EAGAIN || code == EINTR else { return .connectionRefused(errnoText(code)) }
        guard deadline.wait(fd: fd, events: Int16(POLLOUT)) else { return .timeout("connect timed out") }
        var soError: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length) != 0 { return .connectionRefused(errnoText(errno)) }
        return soError == 0 ? nil : .connectionRefused(errnoText(soError))
    }

    /// The same probes as hiredis's `redisEnableKeepAlive`: idle 15 s, then every 5 s, 3 tries.
    private static func enableKeepAlive(_ fd: Int32) {
        var on: Int32 = 1, idle: Int32 = 15, interval: Int32 = 5, count: Int32 = 3
        let size = socklen_t(MemoryLayout<Int32>.size)
        _ = setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, size)
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_KEEPIDLE, &idle, size)
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_KEEPINTVL, &interval, size)
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_KEEPCNT, &count, size)
    }

    static func errnoText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
