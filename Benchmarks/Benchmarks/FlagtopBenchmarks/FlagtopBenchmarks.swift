import Benchmark
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

    for toggles in [10, 1_000, 10_000] {
        Benchmark("refresh/\(toggles)", configuration: .init(metrics: metrics, maxIterations: toggles >= 10_000 ? 200 : 1_000)) { benchmark in
            var r = fixtures.refresher(toggles)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try! r.refresh()) }
            benchmark.stopMeasurement()
            if r.roundTrips != 1 { fatalError("refresh made \(r.roundTrips) round trips") }
            // Bytes Redis wrote for one refresh (INFO's own reply excluded by differencing two INFO calls).
            let before = BenchEnvironment.serverOutputBytes(fixtures.ping)
            let infoOnly = BenchEnvironment.serverOutputBytes(fixtures.ping) - before
            let mid = BenchEnvironment.serverOutputBytes(fixtures.ping)
            blackHole(try! r.refresh())
            let after = BenchEnvironment.serverOutputBytes(fixtures.ping)
            BenchEnvironment.record("refresh_bytes_\(toggles)", "\(after - mid - infoOnly)")
            BenchEnvironment.record("refresh_roundtrips_\(toggles)", "\(r.roundTrips)")
            fixtures.refreshers[toggles] = r
        }
    }

    // Where a refresh's time goes: the pipeline alone (send + Redis + hiredis reply parsing) and the
    // poller's sort of all known session keys (100,000 here) that picks the visible ones.
    Benchmark("refresh-part/pipeline-only/1000", configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 500)) { benchmark in
        let r = fixtures.refresher(1_000)
        var batch = PipelineBatch()
        _ = batch.add(ToggleStore(settings: r.settings).fetchAll(knownNames: r.knownToggles))
        _ = batch.add(ErrorDatabase(settings: r.settings, backend: r.backend).searchFetch(r.query, sortByTime: true))
        _ = batch.add(Fetch(commands: r.logLists.prefix(250).map { RedisCommand("LRANGE", RecentLogs.key(name: $0.name, severity: $0.severity), 0, 49) }) { $0.count })
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try! batch.run(on: r.connection)) }
    }

    Benchmark("refresh-part/sort-session-keys", configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 500)) { benchmark in
        let keys = fixtures.refresher(1_000).sessions.keys
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(SmallestKeys.select(keys, count: 200)) }
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
