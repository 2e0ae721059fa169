/// How an `EtcdClient` reaches its servers.
public struct EtcdClientConfiguration: Sendable {
    /// Servers to use, as `host:port` or `http://host:port`. Calls go to the first one that works;
    /// when its connection is lost the client fails over to the next.
    public var endpoints: [String]
    /// How long opening a connection to one endpoint may take (etcdctl's `--dial-timeout`).
    public var dialTimeout: Duration
    /// Deadline of each unary call, sent to the server as `grpc-timeout` (etcdctl's `--command-timeout`).
    /// Watch and keep-alive streams have no deadline.
    public var requestTimeout: Duration
    /// Largest request message the client sends; bigger ones fail before they are sent.
    public var maxSendMessageSize: Int
    /// Largest response message the client accepts.
    public var maxReceiveMessageSize: Int

    /// etcd's client defaults: 2 s dial timeout, 5 s request timeout, 2 MiB send limit, no practical
    /// receive limit.
    public init(
        endpoints: [String] = ["127.0.0.1:2379"], dialTimeout: Duration = .seconds(2),
        requestTimeout: Duration = .seconds(5), maxSendMessageSize: Int = 2 << 20,
        maxReceiveMessageSize: Int = Int(Int32.max)
    ) {
        self.endpoints = endpoints
        self.dialTimeout = dialTimeout
        self.requestTimeout = requestTimeout
        self.maxSendMessageSize = maxSendMessageSize
        self.maxReceiveMessageSize = maxReceiveMessageSize
    }
}
