import CairnWire

/// Why a client call failed. `message` is the exact text etcd and etcdctl use, so that
/// `"Error: \(error.message)"` prints what etcdctl prints.
public enum EtcdClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call ended with a non-OK gRPC status (from the server, or from the transport: deadline,
    /// lost connection).
    case rpc(GRPCStatus)
    /// A watch asked for events older than the server keeps. `compactRevision` is the oldest
    /// revision still available: read the current state again and watch from its revision.
    case compacted(compactRevision: Int64)
    /// The server refused or ended a watch with this reason.
    case watchCanceled(reason: String)
    /// A keep-alive answered with TTL ≤ 0: the lease expired or was revoked.
    case leaseExpired(id: Int64)
    /// The request is bigger than `maxSendMessageSize`; it was not sent.
    case messageTooLarge(size: Int, limit: Int)
    /// An endpoint string that is not `host:port` or `http://host:port`.
    case invalidEndpoint(String)

    /// The gRPC status code the failure corresponds to.
    public var code: GRPCStatusCode {
        switch self {
        case .rpc(let status): return status.code
        case .compacted: return .outOfRange
        case .watchCanceled: return .cancelled
        case .leaseExpired: return .notFound
        case .messageTooLarge: return .resourceExhausted
        case .invalidEndpoint: return .invalidArgument
        }
    }

    /// The error text as etcd's Go client reports it.
    public var message: String {
        switch self {
        case .rpc(let status):
            if EtcdError(status: status) == nil && status.code == .deadlineExceeded {
                return "context deadline exceeded"
            }
            return status.message
        case .compacted: return EtcdError.compacted.message
        case .watchCanceled(let reason): return reason
        case .leaseExpired: return EtcdError.leaseNotFound.message
        case .messageTooLarge(let size, let limit):
            return
                "rpc error: code = ResourceExhausted desc = trying to send message larger than max (\(size) vs. \(limit))"
        case .invalidEndpoint(let endpoint): return "invalid endpoint \(endpoint)"
        }
    }

    /// The etcd error this failure is, when the server sent one of etcd's error strings.
    public var etcdError: EtcdError? {
        switch self {
        case .rpc(let status): return EtcdError(status: status)
        case .compacted: return .compacted
        case .leaseExpired: return .leaseNotFound
        default: return nil
        }
    }

    public var description: String { message }
}
