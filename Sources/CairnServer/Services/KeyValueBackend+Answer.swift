import CairnGRPC
import CairnStore

extension KeyValueBackend {
    /// `read`'s result as an immediate unary answer: at once when no read barrier is needed (a serializable
    /// read, or a store whose reads are always current), else in `.later`, after `awaitLinearizableRead`.
    func answer<Response: Sendable>(
        linearizable: Bool = true, _ read: @escaping @Sendable () throws -> Response
    ) rethrows -> GRPCUnaryAnswer<Response> {
        guard !linearizable || linearizableReadsAreImmediate else {
            return .later {
                try await awaitLinearizableRead()
                return try read()
            }
        }
        return .response(try read())
    }
}
