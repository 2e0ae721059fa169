import NIOCore

/// A method handler with its message types erased: what a server connection runs for a `:path`.
enum GRPCRoute: Sendable {
    /// One request, one response. Starts once the request is complete; returns the framed response.
    case unary(@Sendable (ByteBuffer, GRPCCallContext) async throws -> ByteBuffer, GRPCUnaryExecution)
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
