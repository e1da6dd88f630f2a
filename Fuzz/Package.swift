// swift-tools-version:6.0
// libFuzzer targets over flagtop's parsers; built and run by `make fuzz` (not part of `make test`).
import PackageDescription

let flagtop = "flagtop"

let package = Package(
    name: "flagtop-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: flagtop, path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzSanitizer", dependencies: ["FuzzDriver", .product(name: "SafeText", package: flagtop)]),
        .executableTarget(name: "FuzzURL", dependencies: ["FuzzDriver", .product(name: "RedisClient", package: flagtop)]),
        .executableTarget(name: "FuzzTheme", dependencies: ["FuzzDriver", .product(name: "FlagtopUI", package: flagtop)]),
        .executableTarget(
            name: "FuzzReplies",
            dependencies: ["FuzzDriver", .product(name: "FlagtopCore", package: flagtop), .product(name: "RedisClient", package: flagtop)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
