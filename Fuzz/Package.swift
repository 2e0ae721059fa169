// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets for Cairn's input-facing code. A separate package so that fuzz targets never enter
/// the main build. The modules under test are compiled here from the main package's sources (the
/// symlinks under `Sources/`), because their `package` API is invisible to another package; build with
/// `run.sh`, which adds `-sanitize=fuzzer,address`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "CairnFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2")
    ],
    targets: [
        .systemLibrary(name: "CNGHTTP2", path: "Sources/CNGHTTP2", pkgConfig: "libnghttp2"),
        .target(name: "FuzzerDriver"),
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
            name: "CairnHTTP2",
            dependencies: [
                "CNGHTTP2",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
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
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "WireFuzz",
            dependencies: [
                "FuzzerDriver", "CairnWire", .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "DeframerFuzz",
            dependencies: [
                "FuzzerDriver", "CairnWire", .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "WALFuzz",
            dependencies: [
                "FuzzerDriver", "CairnWAL",
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "HTTP2Fuzz",
            dependencies: [
                "FuzzerDriver",
                "CairnGRPC",
                "CairnHTTP2",
                "CairnWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
