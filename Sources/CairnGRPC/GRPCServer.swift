import CairnHTTP2
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A gRPC server on h2c (HTTP/2 with prior knowledge) that also hands HTTP/1.1 connections on the same
/// port to `GRPCServerConfiguration.http1Initializer`.
package final class GRPCServer: Sendable {
    private struct State {
        var listener: (any Channel)?
        var connections: [ObjectIdentifier: any Channel] = [:]
        var shuttingDown = false
    }

    let router: GRPCRouter
    let configuration: GRPCServerConfiguration
    let group: any EventLoopGroup
    private let state = NIOLockedValueBox(State())

    /// A server for `router`'s methods. Connections run on `group`'s event loops.
    package init(
        router: GRPCRouter, configuration: GRPCServerConfiguration = GRPCServerConfiguration(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.router = router
        self.configuration = configuration
        self.group = group
    }

    /// Binds and listens on `host:port` (port 0 picks a free one) and returns the bound port.
    package func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        let listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [self] channel in
                self.initializeConnection(channel)
            }
            .bind(host: host, port: port).get()
        state.withLockedValue { $0.listener = listener }
        return listener.localAddress?.port ?? port
    }

    /// Graceful shutdown: stops accepting, sends GOAWAY on every connection so clients open no new calls,
    /// lets in-flight calls finish for up to `grace`, then closes whatever is left.
    package func shutdown(grace: Duration = .seconds(5)) async {
        let (listener, connections) = state.withLockedValue { state in
            state.shuttingDown = true
            return (state.listener, Array(state.connections.values))
        }
        try? await listener?.close()
        for channel in connections {
            channel.eventLoop.execute {
                if let http2 = try? channel.pipeline.syncOperations.handler(type: HTTP2ConnectionHandler.self) {
                    http2.initiateGracefulShutdown(grace: TimeAmount(grace))
                } else {
                    channel.close(promise: nil)
                }
            }
        }
        for channel in connections {
            try? await channel.closeFuture.get()
        }
    }

    /// Sets up an accepted connection: protocol sniffing, then HTTP/2 + gRPC or the HTTP/1.1 initializer.
    func initializeConnection(_ channel: any Channel) -> EventLoopFuture<Void> {
        let accepted = state.withLockedValue { [configuration] state -> Bool in
            guard !state.shuttingDown, state.connections.count < configuration.maxConnections else { return false }
            state.connections[ObjectIdentifier(channel)] = channel
            return true
        }
        guard accepted else {
            return channel.close()
        }
        channel.closeFuture.whenComplete { [state] _ in
            state.withLockedValue { _ = $0.connections.removeValue(forKey: ObjectIdentifier(channel)) }
        }
        let sniffer = HTTP2PrefaceSniffer(
            http2: { [router, configuration] channel in
                channel.eventLoop.submit {
                    let http2 = HTTP2ConnectionHandler(role: .server, configuration: configuration.http2)
                    http2.delegate = GRPCServerConnection(
                        router: router, configuration: configuration, http2: http2, channel: channel)
                    try channel.pipeline.syncOperations.addHandler(http2)
                }
            },
            other: configuration.http1Initializer)
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(sniffer)
        }
    }
}
