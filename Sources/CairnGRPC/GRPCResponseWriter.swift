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
}
