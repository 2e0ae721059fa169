import CairnWire
import NIOCore

/// A handler task's way back to its call on the connection's event loop.
final class GRPCServerStreamHandle: Sendable {
    let connection: NIOLoopBound<GRPCServerConnection>
    let streamID: Int32
    private let window = GRPCOutboundWindow()

    init(connection: NIOLoopBound<GRPCServerConnection>, streamID: Int32) {
        self.connection = connection
        self.streamID = streamID
    }

    /// Queues one framed message; suspends while too much output is pending (see `GRPCOutboundWindow`).
    func write(_ framed: ByteBuffer) async throws {
        try await window.write(bytes: framed.readableBytes, on: connection.eventLoop) {
            self.connection.value.send(framed, streamID: self.streamID)
        }
    }

    /// Ends the call with `status` (trailers after the queued messages).
    func complete(_ status: GRPCStatus) {
        connection.eventLoop.execute {
            self.connection.value.complete(streamID: self.streamID, status: status)
        }
    }
}
