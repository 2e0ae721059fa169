// swift-tools-version:6.1
import PackageDescription

// The baseline of the transport benchmark: the same 100-byte unary echo on grpc-swift 2 with its NIO HTTP/2
// transport, the stack a Swift user would otherwise pick. Kept out of the main package on purpose.
let package = Package(
    name: "TransportBenchmarkGRPCSwift",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "grpc-swift-echo",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ])
    ]
)
