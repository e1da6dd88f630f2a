import Foundation

/// A loopback TCP listener whose accept queue is full, so a new connect() hangs in SYN_SENT:
/// the only way to exercise a connect timeout without traffic beyond loopback.
final class StuckListener {
    let port: Int
    private var fds: [Int32] = []

    /// Nil when the kernel keeps completing connections (nothing would time out).
    init?() throws {
        var opened: [Int32] = []
        let closeAll = { for fd in opened { Glibc.close(fd) } }
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        opened.append(listener)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, len) == 0 && listen(listener, 0) == 0 && getsockname(listener, $0, &len) == 0
            }
        }
        guard ok else { closeAll(); throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: addr.sin_port))
        // Connect fillers, never accepting them, until one stays pending: the queue is then full.
        for _ in 0..<16 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { break }
            opened.append(fd)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            var target = addr
            let started = withUnsafePointer(to: &target) { ptr in
                ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if started == 0 { continue }
            guard errno == EINPROGRESS else { break }
            var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            if poll(&p, 1, 300) == 0 {   // still pending after 300 ms
                fds = opened
                return
            }
        }
        closeAll()
        return nil
    }

    func close() {
        for fd in fds { Glibc.close(fd) }
        fds.removeAll()
    }

    deinit { close() }
}
