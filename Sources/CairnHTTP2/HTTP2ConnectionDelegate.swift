import NIOCore

/// Receives the stream events of one `HTTP2ConnectionHandler`.
///
/// Every method is called on the connection's event loop, never from inside an nghttp2 call, so an
/// implementation may call back into the handler (submit responses, write data, reset streams) at once.
package protocol HTTP2ConnectionDelegate: AnyObject {
    /// A complete header block arrived: request headers (server), response headers or trailers (client).
    /// `endStream` says that the peer half-closed the stream with this block.
    func http2HeadersReceived(_ headers: HTTP2Headers, endStream: Bool, streamID: Int32)
    /// DATA payload arrived on a stream (padding removed; frame boundaries carry no meaning).
    func http2DataReceived(_ data: ByteBuffer, streamID: Int32)
    /// The peer half-closed the stream with an END_STREAM DATA frame.
    func http2StreamEnded(streamID: Int32)
    /// The stream is gone: `errorCode` is `.noError` when it finished normally, else the RST_STREAM code
    /// (sent or received). When the connection drops, open streams end with `.cancel`.
    func http2StreamClosed(streamID: Int32, errorCode: HTTP2ErrorCode)
    /// The peer sent GOAWAY: streams above `lastStreamID` were not processed.
    func http2GoAwayReceived(lastStreamID: Int32, errorCode: HTTP2ErrorCode)
    /// The streams' queued outbound bytes, having exceeded `maxQueuedBytesPerConnection`, fell back under it
    /// (see `HTTP2ConnectionHandler.isOverOutboundBudget`).
    func http2OutboundRoomAvailable()
    /// The connection is closed; no further events follow.
    func http2ConnectionClosed()
}

extension HTTP2ConnectionDelegate {
    /// Delegates that start no work of their own per stream (clients) need not hear about outbound room.
    package func http2OutboundRoomAvailable() {}
}
