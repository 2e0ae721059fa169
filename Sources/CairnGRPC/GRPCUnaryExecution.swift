/// Where a unary handler runs.
package enum GRPCUnaryExecution: Sendable {
    /// On the connection's event loop: no thread hop to start the handler or to send its answer, which
    /// roughly halves the server's CPU per call. Only for handlers that never block their thread (no
    /// waiting for the disk, no long computation): the loop's other connections wait while one runs.
    case eventLoop
    /// On Swift's cooperative thread pool; the answer hops back to the event loop.
    case taskPool
}
