import Dispatch
import Foundation

/// Runs a handler on SIGINT, SIGTERM and SIGHUP (via dispatch sources, not C handlers), so commands can stop
/// cleanly: servers stopped, temp dirs removed, the terminal restored.
enum SignalTrap {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func onTerminate(_ handler: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
    }
}
