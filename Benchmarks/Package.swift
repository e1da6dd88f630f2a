// swift-tools-version: 6.1
import PackageDescription

// Performance benchmarks for flagtop, kept out of the main package so its build never needs ordo-one/benchmark.
let package = Package(
    name: "FlagtopBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "flagtop", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FlagtopBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FlagtopCore", package: "flagtop"),
                .product(name: "FlagtopUI", package: "flagtop"),
                .product(name: "FlagtopDashboard", package: "flagtop"),
                .product(name: "RedisClient", package: "flagtop"),
            ],
            path: "Benchmarks/FlagtopBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
