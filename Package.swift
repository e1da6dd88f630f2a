// swift-tools-version:6.0
import PackageDescription

// Linux only: the code calls Glibc directly (sockets, signals, termios, /proc), links Debian's hiredis 0.14, OpenSSL
// and ncursesw, and is built and tested on Debian with Swift 6. No Apple platform is declared because none is supported.
let package = Package(
    name: "flagtop",
    products: [
        .executable(name: "flagtop", targets: ["flagtop"]),
        .library(name: "FlagtopCore", targets: ["FlagtopCore"]),
        .library(name: "RedisClient", targets: ["RedisClient"]),
        .library(name: "SafeText", targets: ["SafeText"]),
        .library(name: "FlagtopUI", targets: ["FlagtopUI"]),
        // For the benchmarks, which time the dashboard's real refresh.
        .library(name: "FlagtopDashboard", targets: ["FlagtopDashboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // C layer: hiredis (the module map includes <hiredis/hiredis.h> and links -lhiredis, both on the default
        // paths), ncursesw behind a shim of functions. No pkg-config: Debian's hiredis.pc adds
        // -D_FILE_OFFSET_BITS=64, which SwiftPM refuses with a warning on every build (and which is the default
        // on 64-bit Linux anyway).
        .systemLibrary(
            name: "CHiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        // OpenSSL (Debian's libssl-dev) for TLS; a header shim turns its macros into functions. Its headers are in
        // the system include path; the libraries are linked by RedisClient (statically, see there), so no pkg-config.
        .systemLibrary(
            name: "COpenSSL",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "CCurses",
            linkerSettings: [.linkedLibrary("ncursesw"), .linkedLibrary("tinfo")]
        ),

        // Redis access: the hiredis wrapper and the private server launcher.
        // OpenSSL is linked statically (`-l:libssl.a`): the shared libcrypto costs ~1.5 MB resident in every process
        // at load time, TLS used or not; statically, only the code a TLS session runs is ever paged in.
        .target(
            name: "RedisClient",
            dependencies: ["CHiredis", "COpenSSL"],
            linkerSettings: [.linkedLibrary(":libssl.a"), .linkedLibrary(":libcrypto.a")]
        ),
        .target(name: "RedisLauncher", dependencies: ["RedisClient"]),

        // Terminal-safe text: sanitising and display width.
        .target(name: "SafeText"),

        // The domain library applications link: toggles, sessions, decisions, errors, logs, audit.
        .target(name: "FlagtopCore", dependencies: ["RedisClient", "SafeText"]),

        // The dashboard: pure state/render (FlagtopUI) and its runtime over ncurses (FlagtopDashboard).
        .target(
            name: "FlagtopUI",
            dependencies: ["FlagtopCore", "SafeText", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "FlagtopDashboard",
            dependencies: ["FlagtopUI", "FlagtopCore", "RedisClient", "CCurses"]
        ),

        // Canary traffic for the demo and `flagtop simulate`.
        .target(name: "FlagtopSimulator", dependencies: ["FlagtopCore", "RedisClient"]),

        // The command line.
        .target(
            name: "FlagtopCLI",
            dependencies: [
                "FlagtopCore", "FlagtopDashboard", "FlagtopSimulator", "RedisClient", "RedisLauncher",
                "SafeText", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "flagtop", dependencies: ["FlagtopCLI"]),

        // Shared test helpers: private servers, tmux driving, snapshots, running the binary.
        .target(name: "FlagtopTestSupport", dependencies: ["RedisClient", "RedisLauncher"]),

        .testTarget(name: "RedisClientTests", dependencies: ["RedisClient", "RedisLauncher", "FlagtopTestSupport"]),
        .testTarget(name: "SafeTextTests", dependencies: ["SafeText", "FlagtopTestSupport"]),
        .testTarget(name: "FlagtopCoreTests", dependencies: ["FlagtopCore", "FlagtopTestSupport"]),
        .testTarget(name: "FlagtopUITests", dependencies: ["FlagtopUI", "FlagtopTestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(
            name: "FlagtopDashboardTests",
            dependencies: ["FlagtopDashboard", "FlagtopSimulator", "FlagtopTestSupport"]
        ),
        .testTarget(name: "FlagtopCLITests", dependencies: ["FlagtopCLI", "FlagtopTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
