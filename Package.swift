// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every Cairn target: Swift 6 language mode with explicit existentials.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

/// The transport's per-call path touches class state many times per request; release builds skip the dynamic
/// exclusivity checks there (about 7% of the server's CPU under load). Debug builds, and so the tests, keep them.
let transportSettings: [SwiftSetting] =
    strictSettings + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Cairn",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "CairnWire", targets: ["CairnWire"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNGHTTP2",
            pkgConfig: "libnghttp2",
            providers: [.apt(["libnghttp2-dev"])]
        ),
        .target(
            name: "CairnWire",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CairnHTTP2",
            dependencies: [
                "CNGHTTP2",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: transportSettings
        ),
        .target(
            name: "CairnGRPC",
            dependencies: [
                "CairnHTTP2",
                "CairnWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: transportSettings
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
        .target(
            name: "CairnPostgres",
            dependencies: [
                "CairnStore",
                "CairnWire",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CairnServer",
            dependencies: [
                "CairnWire",
                "CairnStore",
                "CairnGRPC",
                "CairnWAL",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "cairnd",
            dependencies: [
                "CairnServer",
                "CairnPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CairnClient",
            dependencies: [
                "CairnWire",
                "CairnGRPC",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CairnCLI",
            dependencies: [
                "CairnClient",
                "CairnWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "cairnctl",
            dependencies: ["CairnCLI"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CairnWireTests",
            dependencies: ["CairnWire", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CairnHTTP2Tests",
            dependencies: [
                "CairnHTTP2",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CairnGRPCTests",
            dependencies: [
                "CairnGRPC",
                "CairnHTTP2",
                "CairnWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Interop"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CairnWALTests",
            dependencies: ["CairnWAL", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "StoreCrashWriter",
            dependencies: ["CairnStore", "CairnWire"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CairnStoreTests",
            dependencies: [
                "CairnStore",
                "CairnWire",
                "CairnWAL",
                "StoreCrashWriter",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CairnPostgresTests",
            dependencies: [
                "CairnPostgres",
                "CairnClient",
                "CairnStore",
                "CairnWire",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CairnServerTests",
            dependencies: [
                "CairnServer",
                "CairnStore",
                "CairnWire",
                "CairnGRPC",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CairnClientTests",
            dependencies: ["CairnClient", "CairnWire"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CairnCLITests",
            dependencies: ["CairnCLI", "CairnClient", "CairnWire"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["CairnGRPC", "CairnWire"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HostileClientTests",
            dependencies: ["CairnGRPC", "CairnWire"],
            swiftSettings: strictSettings
        ),
    ]
)
