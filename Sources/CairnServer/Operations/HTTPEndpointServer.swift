import NIOCore
import NIOPosix

/// A standalone HTTP/1.1 listener serving ``HTTPEndpoints``, used for `--listen-metrics-urls`.
package final class HTTPEndpointServer: Sendable {
    private let channel: any Channel

    /// The bound address (useful when binding port 0).
    package var localAddress: SocketAddress? { channel.localAddress }

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// Binds `host:port` and starts serving.
    package static func start(
        endpoints: HTTPEndpoints,
        host: String,
        port: Int,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> HTTPEndpointServer {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer(endpoints.http1Initializer)
            .bind(host: host, port: port)
            .get()
        return HTTPEndpointServer(channel: channel)
    }

    /// Stops accepting connections and closes the listener.
    package func close() async throws {
        try await channel.close()
    }
}
