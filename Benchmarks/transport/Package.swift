// swift-tools-version:6.0
import PackageDescription

// The transport benchmark: an echo server built from Cairn's own CNGHTTP2/CairnWire/CairnHTTP2/CairnGRPC
// sources (symlinked, so `package` declarations stay visible), driven by h2load from run.sh.
let strictSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
/// As in the main package: no dynamic exclusivity checks in the transport's release build.
let transportSettings: [SwiftSetting] =
    strictSettings + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
]

let package = Package(
    name: "TransportBenchmark",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CNGHTTP2", pkgConfig: "libnghttp2"),
        .target(name: "CairnWire", dependencies: nio, swiftSettings: strictSettings),
        .target(
            name: "CairnHTTP2",
            dependencies: ["CNGHTTP2", .product(name: "DequeModule", package: "swift-collections")] + nio,
            swiftSettings: transportSettings),
        .target(name: "CairnGRPC", dependencies: ["CairnHTTP2", "CairnWire"] + nio, swiftSettings: transportSettings),
        .executableTarget(
            name: "transport-echo", dependencies: ["CairnGRPC", "CairnWire"] + nio, swiftSettings: strictSettings),
    ]
)
