import CairnHTTP2
import CairnWire
import NIOConcurrencyHelpers
import NIOCore

/// Received messages of a streaming call on their way to the reading task, plus the flow-control credit
/// the reader gives back: a message's bytes are credited to the peer's windows only once it has been read,
/// so a reader that stops reading makes the peer stop sending.
struct GRPCInboundMessages: Sendable {
    let messages: AsyncThrowingStream<ByteBuffer, any Error>
    let credit: GRPCInboundCredit
}

/// Collects consumed byte counts from a reading task and hands them to the stream's event loop in
/// batches (at most one hop in flight).
final class GRPCInboundCredit: Sendable {
    private let pending = NIOLockedValueBox(0)
    private let eventLoop: any EventLoop
    private let http2: NIOLoopBound<HTTP2ConnectionHandler>
    private let streamID: Int32

    init(http2: HTTP2ConnectionHandler, eventLoop: any EventLoop, streamID: Int32) {
        self.http2 = NIOLoopBound(http2, eventLoop: eventLoop)
        self.eventLoop = eventLoop
        self.streamID = streamID
    }

    /// Records that a message of `length` bytes (without its 5-byte prefix) was read.
    func messageRead(length: Int) {
        let wasIdle = pending.withLockedValue { pending in
            defer { pending += length + GRPCFramer.prefixLength }
            return pending == 0
        }
        guard wasIdle else { return }
        eventLoop.execute {
            let bytes = self.pending.withLockedValue { pending in
                defer { pending = 0 }
                return pending
            }
            self.http2.value.consume(streamID: self.streamID, bytes: bytes)
        }
    }
}
