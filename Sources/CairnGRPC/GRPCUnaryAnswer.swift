/// What an immediate unary handler (`GRPCRouter.unary(_:immediate:)`) returns, on the connection's event loop.
package enum GRPCUnaryAnswer<Response: Sendable>: Sendable {
    /// The response, produced without waiting. It is sent at once: no task is created and no thread is crossed.
    case response(Response)
    /// The handler has to wait first (for a read barrier, say). `rest` runs in a task on the connection's event
    /// loop, so it must suspend rather than block.
    case later(@Sendable () async throws -> Response)
}
