import Foundation
import RedisClient

/// A scripted stand-in for a misbehaving server on a loopback port, for what a real redis-server will not do:
/// trickle a reply a byte at a time, send an endless bulk, answer with canned bytes. It accepts one client
/// at a time, records what the client sent, and runs `script` on each connection on its own thread. Bounded:
/// every script ends by itself, and `stop()` closes the listener and the client.
public final class FakeRedisServer: @unchecked Sendable {
    /// What to do with an accepted client: read with `conn.read`, answer with `conn.write`.
    public typealias Script = @Sendable (FakeRedisServer.Client) -> Void

    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var received: [UInt8] = []
    private var clients: [Int32] = []
    private var stopped = false

    public init(script: @escaping Script) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LauncherError.setup("socket() failed") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 8) == 0 else { close(fd); throw LauncherError.setup("bind/listen failed") }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        listener = fd
        let thread = Thread { [weak self] in self?.acceptLoop(script) }
        thread.start()
    }

    deinit { stop() }

    public var endpoint: RedisEndpoint { RedisEndpoint(address: .tcp(host: "127.0.0.1", port: port)) }

    /// Everything clients sent so far.
    public var bytesReceived: [UInt8] { lock.withLock { received } }

    public func stop() {
        let fds: [Int32] = lock.withLock {
            if stopped { return [] }
            stopped = true
            return [listener] + clients
        }
        for fd in fds { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
    }

    private func acceptLoop(_ script: @escaping Script) {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            let keep: Bool = lock.withLock {
                if stopped { return false }
                clients.append(client)
                return true
            }
            if !keep { close(client); return }
            let connection = Client(fd: client, server: self)
            let worker = Thread { script(connection) }
            worker.start()
        }
    }

    fileprivate func record(_ bytes: ArraySlice<UInt8>) { lock.withLock { received.append(contentsOf: bytes) } }

    /// One accepted client.
    public final class Client: @unchecked Sendable {
        let fd: Int32
        weak var server: FakeRedisServer?

        init(fd: Int32, server: FakeRedisServer) {
            self.fd = fd
            self.server = server
        }

        /// Reads what is there (waiting up to `timeout` seconds); empty on EOF or timeout.
        @discardableResult
        public func read(timeout: Double = 5) -> [UInt8] {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, Int32(timeout * 1000)) > 0 else { return [] }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { return [] }
            server?.record(buffer[0..<n])
            return Array(buffer[0..<n])
        }

        /// Writes the bytes; false once the client is gone.
        @discardableResult
        public func write(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                    if n <= 0 { return false }
                    offset += n
                }
                return true
            }
        }

        public func write(_ text: String) -> Bool { write(Array(text.utf8)) }

        public func close() { shutdown(fd, Int32(SHUT_RDWR)) }
    }
}
