/// What a server handler knows about its call besides the messages.
///
/// Cancellation (client RST_STREAM, deadline expiry, connection loss) cancels the handler's task, so
/// `Task.isCancelled` and `Task.checkCancellation()` observe it; `isCancelled` is a shorthand.
package struct GRPCCallContext: Sendable {
    /// The method path, e.g. `/etcdserverpb.KV/Range`.
    package let path: String
    /// Request metadata (every non-pseudo header, `grpc-timeout` and `content-type` included).
    package let metadata: GRPCMetadata
    /// When the client's `grpc-timeout` runs out, if it sent one.
    package let deadline: ContinuousClock.Instant?
    /// The peer's address as `host:port`, when known.
    package let peer: String?

    /// A context with the given values.
    package init(path: String, metadata: GRPCMetadata, deadline: ContinuousClock.Instant?, peer: String?) {
        self.path = path
        self.metadata = metadata
        self.deadline = deadline
        self.peer = peer
    }

    /// Whether the call has been cancelled (checked on the current task).
    package var isCancelled: Bool {
        Task.isCancelled
    }
}
