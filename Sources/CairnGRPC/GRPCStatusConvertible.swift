import CairnWire

/// An error that knows the gRPC status it should be reported as. Handlers may throw such errors;
/// anything else becomes UNKNOWN with the error's text.
package protocol GRPCStatusConvertible: Error {
    /// The status sent to the client for this error.
    var grpcStatus: GRPCStatus { get }
}

extension EtcdError: GRPCStatusConvertible {
    /// The etcd error's code and exact message.
    package var grpcStatus: GRPCStatus { status }
}

extension GRPCStatus {
    /// The status an error thrown by a handler or a call is reported as.
    package init(reporting error: any Error) {
        switch error {
        case let status as GRPCStatus:
            self = status
        case let convertible as any GRPCStatusConvertible:
            self = convertible.grpcStatus
        case is CancellationError:
            self = GRPCStatus(code: .cancelled, message: "context canceled")
        default:
            self = GRPCStatus(code: .unknown, message: String(describing: error))
        }
    }
}
