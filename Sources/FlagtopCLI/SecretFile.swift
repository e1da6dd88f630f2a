import Foundation

/// Reads a small secret file: a regular file, `/dev/stdin`, a process substitution `<(…)` or a named pipe.
/// Reads until end of file with plain `read(2)` (a pipe has no size to ask for), and refuses more than
/// `maxBytes` so that pointing it at the wrong thing (a device, a log) cannot fill memory.
enum SecretFile {
    static let maxBytes = 64 * 1024

    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CLIFailure("cannot read --password-file \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIFailure("cannot read --password-file \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { return data }
            data += chunk[0..<n]
            if data.count > maxBytes { throw CLIFailure("--password-file \(path) is larger than \(maxBytes / 1024) KiB") }
        }
    }
}
