import CairnHTTP2
import CairnWire
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A client connection to one gRPC server over h2c (HTTP/2 with prior knowledge).
///
/// All calls are multiplexed on one HTTP/2 connection, opened on the first call. When that connection fails
/// or the server sends GOAWAY, calls in flight end (UNAVAILABLE for those the server did not process) and
/// the next call opens a new connection. Errors are thrown as `GRPCStatus`.
package final class GRPCClientConnection: Sendable {
    /// Opens a channel and runs the given pipeline initializer on it.
    package typealias Connector =
        @Sendable (_ initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>) ->
        EventLoopFuture<any Channel>

    struct SessionReference: Sendable {
        let channel: any Channel
        let session: NIOLoopBound<GRPCClientSession>
        var eventLoop: any EventLoop { channel.eventLoop }
    }

    private enum State {
        case idle
        case connecting(EventLoopFuture<SessionReference>)
        case ready(SessionReference)
        case closed
    }

    let configuration: GRPCClientConfiguration
    private let authority: String
    private let connector: Connector
    private let state = NIOLockedValueBox(State.idle)

    /// A connection to `host:port`, opened lazily on the first call.
    package convenience init(
        host: String, port: Int, configuration: GRPCClientConfiguration = GRPCClientConfiguration(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.init(authority: "\(host):\(port)", configuration: configuration) { initializer in
            ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer(initializer)
                .connect(host: host, port: port)
        }
    }

    /// A connection whose channels come from `connector` (used by the in-memory transport).
    package init(authority: String, configuration: GRPCClientConfiguration, connector: @escaping Connector) {
        self.authority = authority
        self.configuration = configuration
        self.connector = connector
    }

    /// Closes the connection; later calls fail with UNAVAILABLE.
    package func close() async {
        let channel: (any Channel)? = state.withLockedValue { state in
            defer { state = .closed }
            if case .ready(let reference) = state { return reference.channel }
            return nil
        }
        try? await channel?.close()
    }

    /// The current session, connecting first if there is none.
    func session() async throws -> SessionReference {
        let (future, started): (EventLoopFuture<SessionReference>?, Bool) = state.withLockedValue { state in
            switch state {
            case .ready(let reference) where reference.channel.isActive:
                return (reference.eventLoop.makeSucceededFuture(reference), false)
            case .connecting(let future):
                return (future, false)
            case .closed:
                return (nil, false)
            case .idle, .ready:
                let future = connect()
                state = .connecting(future)
                return (future, true)
            }
        }
        guard let future else {
            throw GRPCStatus(code: .unavailable, message: "client connection closed")
        }
        if started {
            future.whenComplete { [state] result in
                state.withLockedValue { state in
                    guard case .connecting(let current) = state, current === future else { return }
                    switch result {
                    case .success(let reference): state = .ready(reference)
                    case .failure: state = .idle
                    }
                }
            }
        }
        do {
            return try await future.get()
        } catch {
            throw GRPCStatus(code: .unavailable, message: "connection to \(authority) failed: \(error)")
        }
    }

    private func connect() -> EventLoopFuture<SessionReference> {
        let (configuration, authority) = (self.configuration, self.authority)
        return connector { channel in
            channel.eventLoop.makeCompletedFuture {
                let http2 = HTTP2ConnectionHandler(role: .client, configuration: configuration.http2)
                http2.delegate = GRPCClientSession(
                    http2: http2, eventLoop: channel.eventLoop, configuration: configuration, authority: authority)
                try channel.pipeline.syncOperations.addHandler(http2)
            }
        }.flatMap { channel in
            // The connector's future may complete on another loop (the in-memory transport): hop first.
            channel.eventLoop.submit {
                let http2 = try channel.pipeline.syncOperations.handler(type: HTTP2ConnectionHandler.self)
                guard let session = http2.delegate as? GRPCClientSession else {
                    throw GRPCStatus(code: .unavailable, message: "connection closed while starting")
                }
                session.onUnusable = { [weak self] in
                    self?.retire(channel)
                }
                return SessionReference(
                    channel: channel, session: NIOLoopBound(session, eventLoop: channel.eventLoop))
            }
        }
    }

    /// Stops using `channel` for new calls (GOAWAY received or connection closed).
    private func retire(_ channel: any Channel) {
        state.withLockedValue { state in
            if case .ready(let reference) = state, reference.channel === channel {
                state = .idle
            }
        }
    }
}
