import CairnWire
import NIOCore

/// Server-side state of one call (one HTTP/2 stream), touched only on the connection's event loop.
final class GRPCServerCall {
    let streamID: Int32
    let route: GRPCRoute
    let context: GRPCCallContext
    /// The request's `grpc-encoding`, consulted when a message arrives with the compressed flag set.
    let encoding: String?
    var deframer: GRPCDeframer
    /// The single request of a unary or server-streaming call.
    var request: ByteBuffer?
    /// How many request messages arrived (unary and server-streaming calls need exactly one).
    var requestCount = 0
    /// Feeds a streaming handler's `GRPCRequestStream`.
    var inbound: AsyncThrowingStream<ByteBuffer, any Error>.Continuation?
    var task: Task<Void, Never>?
    var headersSent = false
    /// The status went out (trailers or trailers-only) or the stream was reset; later events are ignored.
    var finished = false
    var deadlineTimer: Scheduled<Void>?

    init(streamID: Int32, route: GRPCRoute, context: GRPCCallContext, encoding: String?, maxMessageSize: Int) {
        self.streamID = streamID
        self.route = route
        self.context = context
        self.encoding = encoding
        self.deframer = GRPCDeframer(maxMessageSize: maxMessageSize)
    }
}

@available(*, unavailable)
extension GRPCServerCall: Sendable {}
