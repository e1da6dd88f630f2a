import Foundation

/// Child processes inherit the spawning thread's signal mask, and test worker threads block SIGTERM/SIGINT/SIGHUP:
/// spawn with those unblocked so servers stop promptly and `--follow` can be terminated.
enum SignalMask {
    static func spawning<R>(_ body: () throws -> R) rethrows -> R {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, sig) }
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &set, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }
}
