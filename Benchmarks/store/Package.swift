// swift-tools-version:6.0
import PackageDescription

/// Store benchmarks: point gets, 100-key ranges, fsynced puts under concurrency, recovery time and
/// resident memory of CairnStore's embedded engine. The engine's modules are built from Cairn's own
/// sources (symlinked into Sources/), so that their `package` API is visible to the benchmark.
/// The harness is google/swift-benchmark, as for the codec benchmarks in `..`.
let strictSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "StoreBenchmark",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/google/swift-benchmark.git", from: "0.1.2"),
    ],
    targets: [
        .target(
            name: "CairnWire",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strictSettings
        ),
        .target(name: "CCairnCPU"),
        .target(
            name: "CairnWAL",
            dependencies: ["CCairnCPU", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CairnStore",
            dependencies: [
                "CairnWire",
                "CairnWAL",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "StoreBench",
            dependencies: [
                "CairnStore",
                "CairnWire",
                .product(name: "Benchmark", package: "swift-benchmark"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
