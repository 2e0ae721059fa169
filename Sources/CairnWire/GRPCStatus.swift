/// A gRPC call outcome: the `grpc-status` code and the (unencoded) `grpc-message` text.
public struct GRPCStatus: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: GRPCStatusCode
    public var message: String

    public init(code: GRPCStatusCode, message: String = "") {
        self.code = code
        self.message = message
    }

    public static let ok = GRPCStatus(code: .ok)

    public var description: String {
        message.isEmpty ? "\(code)" : "\(code): \(message)"
    }
}
