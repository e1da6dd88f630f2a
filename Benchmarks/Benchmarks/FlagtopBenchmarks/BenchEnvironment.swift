import FlagtopCore
import Foundation
import RedisClient

/// Where the benchmarks find the Redis server `make bench` loaded, and where they leave side figures.
enum BenchEnvironment {
    static var port: String { ProcessInfo.processInfo.environment["FLAGTOP_BENCH_PORT"] ?? "6399" }

    /// The same server's TLS port and the CA that signed its certificate (bench.sh makes both).
    static var tlsPort: String? { ProcessInfo.processInfo.environment["FLAGTOP_BENCH_TLS_PORT"] }
    static var tlsCA: String? { ProcessInfo.processInfo.environment["FLAGTOP_BENCH_TLS_CA"] }

    /// Database 0 holds the dashboard data set; the write benchmarks use database 4 so they do not change it.
    /// `tls` connects to the same server through its TLS port, verified against the bench CA.
    static func settings(togglePrefix: String = "", db: Int = 0, tls: Bool = false) -> FlagtopSettings {
        var endpoint: RedisEndpoint
        if tls, let tlsPort {
            endpoint = try! RedisEndpoint(url: "rediss://127.0.0.1:\(tlsPort)/\(db)")
            endpoint.tls?.caFile = tlsCA
        } else {
            endpoint = try! RedisEndpoint(url: "redis://127.0.0.1:\(port)/\(db)")
        }
        var settings = FlagtopSettings(endpoint: endpoint)
        settings.togglePrefix = togglePrefix
        return settings
    }

    static func connection(name: String, db: Int = 0, tls: Bool = false) -> RedisConnection {
        let s = settings(db: db, tls: tls)
        let connection = RedisConnection(endpoint: s.endpoint, options: s.connectionOptions(name: name))
        try! connection.connect()
        return connection
    }

    /// Appends `key=value` to $FLAGTOP_BENCH_FIGURES (figures ordo-one/benchmark has no metric for, e.g. bytes read).
    static func record(_ key: String, _ value: String) {
        guard let path = ProcessInfo.processInfo.environment["FLAGTOP_BENCH_FIGURES"] else { return }
        let line = "\(key)=\(value)\n"
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            handle.closeFile()
        } else {
            FileManager.default.createFile(atPath: path, contents: Data(line.utf8))
        }
    }

    /// Redis's own count of bytes it has written to clients.
    static func serverOutputBytes(_ connection: RedisConnection) -> Int {
        guard case let .some(reply) = try? connection.send("INFO", "stats"), let bytes = reply.bytes else { return 0 }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("total_net_output_bytes:") {
            return Int(line.dropFirst("total_net_output_bytes:".count)) ?? 0
        }
        return 0
    }

    /// Bytes Redis wrote (to every client, the tracking sink included) per refresh, averaged over 10 refreshes
    /// (one in ten carries the session scan's SCAN step), INFO's own reply excluded.
    static func refreshBytes(_ r: inout DashboardRefresh) -> Int {
        let probe = connection(name: "bench-bytes")
        let a = serverOutputBytes(probe)
        let b = serverOutputBytes(probe)
        let infoOnly = b - a
        let before = serverOutputBytes(probe)
        for _ in 0..<10 { r.refresh() }
        let after = serverOutputBytes(probe)
        return (after - before - infoOnly) / 10
    }
}
