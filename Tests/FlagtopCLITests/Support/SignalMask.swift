import Foundation

/// Child processes inherit the spawning thread's signal mask, and test worker threads block SIGTERM/SIGINT/SIGHUP:
/// spawn `flagtop` and `redis-cli` with those unblocked so `--follow` and MONITOR stop on SIGTERM.
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
