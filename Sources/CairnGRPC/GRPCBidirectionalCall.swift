import CairnWire
import NIOCore

/// A client's open streaming call: a request writer plus the response sequence.
package final class GRPCBidirectionalCall<Req: WireMessage, Res: WireMessage>: Sendable {
    /// The responses; the sequence ends after an OK status and throws the `GRPCStatus` otherwise.
    /// Cancelling the task that iterates it cancels the call.
    package let responses: GRPCResponseStream<Res>
    let reference: GRPCClientConnection.SessionReference
    let streamID: Int32
    let cancellation: GRPCCallCancellation
    private let window = GRPCOutboundWindow()

    init(
        reference: GRPCClientConnection.SessionReference, streamID: Int32, cancellation: GRPCCallCancellation,
        responses: GRPCResponseStream<Res>
    ) {
        self.reference = reference
        self.streamID = streamID
        self.cancellation = cancellation
        self.responses = responses
    }

    /// Sends one request. Suspends while too much is queued for the server (flow control); throws a
    /// `GRPCStatus` once the call has ended.
    package func send(_ message: Req) async throws {
        let framed = message.grpcFramed()
        let (reference, streamID) = (self.reference, self.streamID)
        try await window.write(bytes: framed.readableBytes, on: reference.eventLoop) {
            reference.session.value.send(framed, streamID: streamID)
        }
    }

    /// Half-closes the call: no more requests; responses keep coming.
    package func finish() {
        let (reference, streamID) = (self.reference, self.streamID)
        reference.eventLoop.execute {
            reference.session.value.halfClose(streamID: streamID)
        }
    }

    /// Cancels the call (RST_STREAM CANCEL); `responses` then throws CANCELLED.
    package func cancel() {
        GRPCClientConnection.cancel(cancellation, on: reference)
    }
}
