// swift-tools-version:6.0
import PackageDescription

/// Codec benchmarks: CairnWire's hand-written codec side by side with swift-protobuf's generated
/// code for the same schema. A separate package so that neither the benchmark harness nor
/// swift-protobuf is ever a dependency of Cairn itself.
///
/// The harness is google/swift-benchmark: ordo-one/benchmark 1.38.1 needs
/// ordo-one/swift-runtime-interposer on Linux with Swift 6.3, which this machine's package
/// mirror does not carry.
let package = Package(
    name: "CairnBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/google/swift-benchmark.git", from: "0.1.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .target(
            name: "SwiftProtobufBaseline",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .executableTarget(
            name: "WireCodec",
            dependencies: [
                "SwiftProtobufBaseline",
                .product(name: "CairnWire", package: "main"),
                .product(name: "Benchmark", package: "swift-benchmark"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
    ]
)
