import CairnWire

/// etcd's `--max-request-bytes`: a write request whose encoding is larger fails with InvalidArgument
/// `etcdserver: request is too large`. (Messages above the gRPC ceiling, `max-request-bytes + 512 KiB`, never
/// reach a service: the transport refuses them with RESOURCE_EXHAUSTED.)
package struct RequestSizeLimit: Sendable {
    package let maxRequestBytes: Int

    /// The gRPC receive ceiling etcd sets above the request limit.
    package static let grpcOverhead = 512 * 1024

    package init(maxRequestBytes: Int) {
        self.maxRequestBytes = maxRequestBytes
    }

    package var grpcReceiveLimit: Int { maxRequestBytes + Self.grpcOverhead }

    /// Checks a put; the payload size decides without encoding unless it is close to the limit.
    package func check(_ put: PutRequest) throws(EtcdError) {
        guard put.key.count + put.value.count + 64 > maxRequestBytes else { return }
        try check(message: put)
    }

    /// Checks any request by its encoded size.
    package func check(message: some WireMessage) throws(EtcdError) {
        if message.encodedBuffer().readableBytes > maxRequestBytes { throw .requestTooLarge }
    }
}
