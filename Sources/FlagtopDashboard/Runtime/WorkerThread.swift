import Foundation

/// Starts the dashboard's worker threads (poller, writer, simulator) with terminal signals blocked, so
/// SIGWINCH and friends are delivered to the UI thread that ncurses expects, never mid-I/O on a worker.
public enum WorkerThread {
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            var set = sigset_t()
            sigemptyset(&set)
            for sig in [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT] { sigaddset(&set, sig) }
            pthread_sigmask(SIG_BLOCK, &set, nil)
            body()
        }
        thread.name = name
        thread.stackSize = 4 << 20
        thread.start()
    }
}
