import CairnWire
import NIOCore

/// The requests of a streaming call, decoded as they are read.
///
/// Ends when the client half-closes; throws a `GRPCStatus` when the call is cancelled (RST_STREAM,
/// deadline, connection loss) or a message cannot be decoded.
package struct GRPCRequestStream<Req: WireMessage>: AsyncSequence, Sendable {
    package typealias Element = Req

    let source: GRPCInboundMessages

    /// Reads and decodes one request at a time.
    package struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator
        let credit: GRPCInboundCredit

        /// The next request, or `nil` after the client's half-close.
        package mutating func next() async throws -> Req? {
            guard let buffer = try await base.next() else {
                // A cancelled task's stream ends early; report that instead of a clean end.
                if Task.isCancelled { throw GRPCStatus(code: .cancelled, message: "call cancelled") }
                return nil
            }
            credit.messageRead(length: buffer.readableBytes)
            return try Req.decodeRequest(buffer)
        }
    }

    package func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: source.messages.makeAsyncIterator(), credit: source.credit)
    }
}
