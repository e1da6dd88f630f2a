import Benchmark
import FlagtopDashboard
import Foundation
import FlagtopCore
import FlagtopUI
import RedisClient

/// The in-process benchmarks `make bench` runs (see Benchmarks/README.md); the script computes the ratios.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 3, maxDuration: .seconds(2), maxIterations: 2_000)
    let fixtures = Fixtures.shared
    let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal]

    // Anchor: one PING round trip on the same kind of connection.
    Benchmark("ping") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! fixtures.ping.send("PING")) }
    }

    // The dashboard's real refresh (RefreshCoordinator) in steady state: Redis's invalidations say nothing changed.
    for toggles in [10, 1_000, 10_000] {
        Benchmark("refresh/\(toggles)", configuration: .init(metrics: metrics, maxIterations: toggles >= 10_000 ? 500 : 2_000)) { benchmark in
            var r = fixtures.refresher(toggles)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(r.refresh()) }
            benchmark.stopMeasurement()
            if r.roundTrips != 1 { fatalError("refresh made \(r.roundTrips) round trips") }
            BenchEnvironment.record("refresh_commands_\(toggles)", "\(r.commands)")
            BenchEnvironment.record("refresh_tracking_\(toggles)", "\(r.tracking)")
            BenchEnvironment.record("refresh_bytes_\(toggles)", "\(BenchEnvironment.refreshBytes(&r))")
            BenchEnvironment.record("refresh_roundtrips_\(toggles)", "\(r.roundTrips)")
            fixtures.refreshers[toggles] = r
        }
    }

    // TLS against plain TCP on the same server in the same run: PING, the steady refresh at 1,000 toggles, and
    // a kill + restore pair (the audited atomic write) on database 4.
    if BenchEnvironment.tlsPort != nil {
        for tls in [false, true] {
            let label = tls ? "tls" : "tcp"
            Benchmark("transport/ping/\(label)") { benchmark in
                let c = BenchEnvironment.connection(name: "bench-ping-\(label)", tls: tls)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { blackHole(try! c.send("PING")) }
            }
            Benchmark("transport/refresh1000/\(label)", configuration: .init(metrics: metrics, maxIterations: 2_000)) { benchmark in
                var r = DashboardRefresh(togglePrefix: "t1000:", toggleCount: 1_000, tls: tls)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { blackHole(r.refresh()) }
                benchmark.stopMeasurement()
                if r.roundTrips != 1 { fatalError("refresh over \(label) made \(r.roundTrips) round trips") }
            }
            Benchmark("transport/kill/\(label)", configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 1_000)) { benchmark in
                let settings = BenchEnvironment.settings(db: 4, tls: tls)
                let c = BenchEnvironment.connection(name: "bench-kill-\(label)", db: 4, tls: tls)
                let store = ToggleStore(settings: settings)
                _ = try! c.send("HSET", "benchKill", "toggle", "True")
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    blackHole(try! store.kill("benchKill", reason: "bench", on: c))
                    blackHole(try! store.restore("benchKill", reason: "bench", on: c))
                }
            }
        }
    }

    // A busy canary: before each refresh another client changes 10 toggles, 5 visible sessions and pushes
    // 20 log lines into 5 lists (not timed); the refresh re-reads exactly those.
    Benchmark("refresh-busy/1000", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(60), maxIterations: 1)) { _ in
        var r = fixtures.refresher(1_000)
        let writer = BenchEnvironment.connection(name: "bench-canary")
        let sessionKeys = r.last!.sessions.prefix(5).map(\.key)
        let lists = r.last!.logNames.prefix(5)
        var times: [Double] = []
        var commands: [Int] = []
        for i in 0..<300 {
            var writes: [RedisCommand] = (0..<10).map { RedisCommand("HSET", "t1000:toggle\((i * 10 + $0) % 1_000)", "description", "busy \(i)") }
            writes += sessionKeys.map { RedisCommand("HSET", $0, "lastSeen", "\(i)") }
            for (n, name) in lists.enumerated() {
                for j in 0..<4 { writes.append(RedisCommand("LPUSH", RecentLogs.key(name: name, severity: "info"), "\(AscTime.now()) busy \(i) \(n) \(j)")) }
            }
            _ = try! writer.pipeline(writes)
            usleep(2_000)  // the invalidations reach the poller's sink connection
            let t0 = ContinuousClock.now
            blackHole(r.refresh())
            let elapsed = ContinuousClock.now - t0
            times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
            commands.append(r.commands)
        }
        times.sort()
        commands.sort()
        BenchEnvironment.record("refresh_busy_p50_ms", String(format: "%.3f", times[times.count / 2]))
        BenchEnvironment.record("refresh_busy_p90_ms", String(format: "%.3f", times[times.count * 9 / 10]))
        BenchEnvironment.record("refresh_busy_commands", "\(commands[commands.count / 2])")
        fixtures.refreshers[1_000] = r
    }

    // Tracking off (Redis < 6, or an ACL without the invalidation channel): every refresh reads everything.
    for toggles in [1_000, 10_000] {
        Benchmark("refresh-full/\(toggles)", configuration: .init(metrics: metrics, maxIterations: toggles >= 10_000 ? 100 : 500)) { benchmark in
            var r = fixtures.fullRefresher(toggles)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(r.refresh()) }
            benchmark.stopMeasurement()
            BenchEnvironment.record("refresh_full_commands_\(toggles)", "\(r.commands)")
            BenchEnvironment.record("refresh_full_bytes_\(toggles)", "\(BenchEnvironment.refreshBytes(&r))")
            fixtures.fullRefreshers[toggles] = r
        }
    }

    Benchmark("render/200x60/1000", configuration: .init(metrics: metrics, maxIterations: 2_000)) { benchmark in
        let state = fixtures.renderState
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(DashboardRenderer.render(state)) }
    }

    // 1,000 decisions per iteration (the script divides by 1,000); mallocs should stay at 0.
    Benchmark("decide/cached", configuration: .init(metrics: metrics, scalingFactor: .kilo, maxIterations: 2_000)) { benchmark in
        let client = fixtures.cachedClient
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try! client.decide("useNewAlgorithm", session: "bench-session")) }
    }

    Benchmark("decide/uncached", configuration: .init(metrics: metrics, maxIterations: 20_000)) { benchmark in
        let client = fixtures.uncachedClient
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try! client.decide("useNewAlgorithm", session: "bench-session")) }
    }

    Benchmark("log/unbatched", configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 20_000)) { benchmark in
        let client = fixtures.writer
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations { try! client.log("benchswift", "message number \(i)") }
    }

    // The streaming writer: every message goes to the socket at once, acknowledgements are read as they arrive.
    // 1,000 messages plus the flush that waits for the last acknowledgement per iteration (the script divides
    // by 1,000); every one must come back acknowledged.
    Benchmark("log/streamed", configuration: .init(metrics: metrics, scalingFactor: .kilo, maxIterations: 500)) { benchmark in
        let writer = fixtures.streamWriter
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations { try! writer.send(name: "benchstream", message: "message number \(i)") }
        let acks = try! writer.flush()
        benchmark.stopMeasurement()
        if acks.acknowledged != benchmark.scaledIterations.count { fatalError("streamed log: \(acks)") }
    }

    // A batched writer: 1,000 messages (LPUSH + LTRIM each) per pipeline; the script divides by 1,000.
    Benchmark("log/batched1000", configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 500)) { benchmark in
        let connection = fixtures.writerConnection
        let time = AscTime.now()
        let commands = (0..<1_000).flatMap { RecentLogs.logCommands(name: "benchbatch", message: "message number \($0)", severity: "info", time: time) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try! connection.pipeline(commands)) }
    }

    Benchmark("reportError", configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 5_000)) { benchmark in
        let client = fixtures.reporter
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(try! client.reportError(toggle: "useNewAlgorithm", exception: "ValueError: bench \(i)", session: "bench-session"))
        }
    }
}
