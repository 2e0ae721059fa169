import CairnWire
import NIOCore

/// Sends the responses of a streaming call.
package struct GRPCResponseWriter<Res: WireMessage>: Sendable {
    let stream: GRPCServerStreamHandle

    /// Encodes, frames and queues `message`. Suspends while the stream's queued output is over its limit,
    /// that is while the client does not read; throws a `GRPCStatus` once the call has ended.
    package func write(_ message: Res) async throws {
        let framed = message.grpcFramed()
        try await stream.write(framed)
    }

    /// Encodes and frames `messages` into one buffer and queues it as one write (one hop to the event loop
    /// for all of them). Suspends and throws as `write(_:)` does.
    package func write(contentsOf messages: some Sequence<Res>) async throws {
        var framed = ByteBuffer()
        for message in messages {
            GRPCFramer.frame(message, into: &framed)
        }
        guard framed.readableBytes > 0 else { return }
        try await stream.write(framed)
    }
}
