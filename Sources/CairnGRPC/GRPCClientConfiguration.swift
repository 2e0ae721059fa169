import CairnHTTP2

/// Settings of a `GRPCClientConnection`.
package struct GRPCClientConfiguration: Sendable {
    /// Largest response message accepted; bigger ones fail the call with RESOURCE_EXHAUSTED.
    /// gRPC's usual client default is 4 MiB; etcd's own client raises it to 2^31-1.
    package var maxReceiveMessageSize = 4 << 20
    /// How long establishing the TCP connection may take.
    package var connectTimeout: Duration = .seconds(10)
    /// HTTP/2 settings of the connection.
    package var http2 = HTTP2Configuration()

    /// The defaults above.
    package init() {}
}
