import NIOCore

/// Something that happened inside an nghttp2 call; recorded there and acted upon after the call returns.
enum HTTP2Event {
    case headers(Int32, HTTP2Headers, endStream: Bool)
    case data(Int32, ByteBuffer)
    case streamEnded(Int32)
    case streamClosed(Int32, HTTP2ErrorCode)
    case goAway(lastStreamID: Int32, HTTP2ErrorCode)
    /// Credits received DATA bytes to the peer's windows (stream and connection).
    case consume(Int32, Int)
    /// Credits bytes to the connection window only (their stream is gone).
    case consumeConnection(Int)
    /// The connection's queued outbound bytes fell back under its limit.
    case outboundRoomAvailable
    /// Writers whose stream drained (`nil`) or closed (the error).
    case releaseWriters([EventLoopPromise<Void>], HTTP2Error?)
}
