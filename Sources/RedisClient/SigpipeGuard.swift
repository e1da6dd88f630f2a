import Glibc

/// Keeps SIGPIPE from killing the process when hiredis writes to a socket the server has closed
/// (a crashed server, `CLIENT KILL`). hiredis 0.14 uses plain `write()` and Linux has no
/// `SO_NOSIGPIPE`, so for the duration of the I/O the signal is blocked in the calling thread and
/// one raised meanwhile is consumed; the write then just fails with EPIPE, which becomes
/// `.connectionClosed`. Process-wide signal dispositions stay untouched.
enum SigpipeGuard {
    static func run<R>(_ body: () throws(RedisError) -> R) throws(RedisError) -> R {
        var sigpipe = sigset_t()
        sigemptyset(&sigpipe)
        sigaddset(&sigpipe, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &sigpipe, &previous)
        // A SIGPIPE pending from before is not ours to swallow.
        var pending = sigset_t()
        sigpending(&pending)
        let alreadyPending = sigismember(&pending, SIGPIPE) == 1
        defer {
            if !alreadyPending {
                sigpending(&pending)
                if sigismember(&pending, SIGPIPE) == 1 {
                    var noWait = timespec(tv_sec: 0, tv_nsec: 0)
                    _ = sigtimedwait(&sigpipe, nil, &noWait)
                }
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return try body()
    }
}
