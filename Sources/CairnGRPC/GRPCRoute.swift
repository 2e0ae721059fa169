import NIOCore

/// A method handler with its message types erased: what a server connection runs for a `:path`.
enum GRPCRoute: Sendable {
    /// One request, one response, the handler in a task on the cooperative pool; returns the framed response.
    case unary(@Sendable (ByteBuffer, GRPCCallContext) async throws -> ByteBuffer)
    /// One request, one response, the handler called on the event loop once the request is complete.
    case immediateUnary(@Sendable (ByteBuffer, GRPCCallContext) throws -> GRPCUnaryAnswer<ByteBuffer>)
    /// One request, a stream of responses. Starts once the request is complete.
    case serverStreaming(@Sendable (ByteBuffer, GRPCServerStreamHandle, GRPCCallContext) async throws -> Void)
    /// Streamed requests (client-streaming and bidirectional methods). Starts at the request headers.
    case streaming(@Sendable (GRPCInboundMessages, GRPCServerStreamHandle, GRPCCallContext) async throws -> Void)

    /// Whether the handler waits for the complete (single-message) request.
    var takesSingleRequest: Bool {
        if case .streaming = self { return false }
        return true
    }
}
