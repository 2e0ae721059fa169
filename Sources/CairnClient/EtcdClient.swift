import CairnGRPC
import CairnWire
import NIOConcurrencyHelpers

/// An etcd v3 client: KV, Txn, Watch, Lease, Maintenance and Cluster calls over gRPC.
///
/// The client works against a real etcd and against `cairnd` alike. It talks to one endpoint at a
/// time; when that endpoint's connection fails it moves on to the next. Read-only calls are retried
/// on the next endpoint at once; writes only when they provably never reached a server. Watches
/// and keep-alives reconnect by themselves.
///
/// ```swift
/// let client = try EtcdClient(configuration: .init(endpoints: ["127.0.0.1:2379"]))
/// try await client.put("greeting", value: "hello")
/// let response = try await client.get("greeting")
/// print(String(decoding: response.kvs[0].value, as: UTF8.self))
/// await client.close()
/// ```
public final class EtcdClient: Sendable {
    /// The settings the client was made with.
    public let configuration: EtcdClientConfiguration
    let endpoints: [String]
    let connections: [GRPCClientConnection]
    private let current = NIOLockedValueBox(0)

    /// Makes a client; no connection is opened until the first call.
    public init(configuration: EtcdClientConfiguration) throws(EtcdClientError) {
        guard !configuration.endpoints.isEmpty else { throw .invalidEndpoint("") }
        var grpc = GRPCClientConfiguration()
        grpc.connectTimeout = configuration.dialTimeout
        grpc.maxReceiveMessageSize = configuration.maxReceiveMessageSize
        var connections: [GRPCClientConnection] = []
        for endpoint in configuration.endpoints {
            let address = try EndpointAddress(parsing: endpoint)
            connections.append(GRPCClientConnection(host: address.host, port: address.port, configuration: grpc))
        }
        self.configuration = configuration
        self.endpoints = configuration.endpoints
        self.connections = connections
    }

    /// Convenience for `init(configuration:)` with default timeouts.
    public convenience init(endpoints: [String]) throws(EtcdClientError) {
        try self.init(configuration: EtcdClientConfiguration(endpoints: endpoints))
    }

    /// Closes every connection; calls made afterwards fail.
    public func close() async {
        for connection in connections {
            await connection.close()
        }
    }

    /// The endpoint calls currently go to.
    var currentIndex: Int { current.withLockedValue { $0 } }

    /// Moves to the endpoint after `index`, unless another call already moved on.
    func failOver(from index: Int) {
        current.withLockedValue { value in
            if value == index { value = (index + 1) % connections.count }
        }
    }

    /// Makes a unary call on the current endpoint, failing over as described on the type.
    /// `idempotent` calls are retried on the next endpoint after any connection-level failure.
    func unary<Req: WireMessage, Res: WireMessage>(
        _ path: String, _ request: Req, idempotent: Bool, endpoint: Int? = nil
    ) async throws(EtcdClientError) -> Res {
        let size = request.encodedBuffer().readableBytes
        guard size <= configuration.maxSendMessageSize else {
            throw .messageTooLarge(size: size, limit: configuration.maxSendMessageSize)
        }
        let clock = ContinuousClock()
        let deadline = clock.now + configuration.requestTimeout
        var attempts = 0
        while true {
            let index = endpoint ?? currentIndex
            do {
                return try await connections[index].unary(
                    path: path, request: request, timeout: deadline - clock.now, responseType: Res.self)
            } catch {
                let status = Self.status(of: error)
                attempts += 1
                let lostConnection = Self.isConnectionFailure(status)
                if lostConnection && endpoint == nil { failOver(from: index) }
                let retry =
                    lostConnection && endpoint == nil && attempts < connections.count
                    && (idempotent || Self.neverSent(status)) && clock.now < deadline
                if !retry { throw .rpc(status) }
            }
        }
    }

    /// The status a transport call failed with.
    static func status(of error: any Error) -> GRPCStatus {
        if let status = error as? GRPCStatus { return status }
        if error is CancellationError { return GRPCStatus(code: .cancelled, message: "context canceled") }
        return GRPCStatus(code: .unknown, message: "\(error)")
    }

    /// An UNAVAILABLE that came from the connection rather than from etcd itself.
    static func isConnectionFailure(_ status: GRPCStatus) -> Bool {
        status.code == .unavailable && EtcdError(status: status) == nil
    }

    /// The transport reports a connection it could not open this way; such a request never left.
    static func neverSent(_ status: GRPCStatus) -> Bool {
        status.message.hasPrefix("connection to ") || status.message == "call could not be started"
    }
}
