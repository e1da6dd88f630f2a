import FlagtopTestSupport
import Foundation

/// Starts private servers with no signals blocked in the spawning thread: a child inherits the thread's mask,
/// and test worker threads block SIGTERM, which made every `stop()` wait 3 s for SIGKILL.
enum Servers {
    static func start(search: Bool = true, tcp: Bool = false) throws -> TestServer {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, sig) }
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &set, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try TestServer(search: search, tcp: tcp)
    }
}
