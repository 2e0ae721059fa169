import CairnWire
import NIOCore

/// The responses of a client streaming call, decoded as they are read. Ends after an OK status; throws the
/// call's `GRPCStatus` otherwise.
package struct GRPCResponseStream<Res: WireMessage>: AsyncSequence, Sendable {
    package typealias Element = Res

    let source: GRPCInboundMessages

    /// Reads and decodes one response at a time.
    package struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator
        let credit: GRPCInboundCredit

        /// The next response, or `nil` once the call ended with OK.
        package mutating func next() async throws -> Res? {
            guard let buffer = try await base.next() else {
                // A cancelled task's stream ends early; report that instead of a clean end.
                if Task.isCancelled { throw GRPCStatus(code: .cancelled, message: "call cancelled") }
                return nil
            }
            credit.messageRead(length: buffer.readableBytes)
            return try Res.decodeResponse(buffer)
        }
    }

    package func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: source.messages.makeAsyncIterator(), credit: source.credit)
    }
}
