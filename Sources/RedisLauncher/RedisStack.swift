import Foundation

/// Where Redis Stack (redis-server 7.4 with the search 2.x module) is installed for the tests and the demo:
/// `scripts/ensure-redis-stack.sh` puts it under `$FLAGTOP_CACHE` (default `~/.cache/flagtop`) and prints its
/// launcher, a script that runs that redis-server with the OpenSSL 1.1 it needs on its own LD_LIBRARY_PATH.
public enum RedisStack {
    /// The launcher and the search module it loads.
    public struct Installation: Sendable, Equatable {
        public var launcher: String
        public var searchModule: String
    }

    /// The installation named by `$FLAGTOP_REDIS_STACK` (a launcher path), else the one in the cache; nil when
    /// neither is there.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Installation? {
        var candidates: [String] = []
        if let named = environment["FLAGTOP_REDIS_STACK"], !named.isEmpty { candidates.append(named) }
        let cache = environment["FLAGTOP_CACHE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp") + "/.cache/flagtop")  // as the script
        candidates.append(cache + "/redis-stack/0.1.8/redis-stack-server")
        for launcher in candidates {
            let module = (launcher as NSString).deletingLastPathComponent + "/lib/redisearch.so"
            if FileManager.default.isExecutableFile(atPath: launcher), FileManager.default.fileExists(atPath: module) {
                return Installation(launcher: launcher, searchModule: module)
            }
        }
        return nil
    }

    /// Why `locate()` found nothing, as one line for a failing test or the demo.
    public static let missingHint = "Redis Stack (search 2.x) is not installed: run scripts/ensure-redis-stack.sh (make test does), or set FLAGTOP_REDIS_STACK to its launcher"
}
