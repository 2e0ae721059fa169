import CairnHTTP2
import CairnWire
import NIOCore

/// The gRPC side of one client connection: opens a stream per call and turns stream events into response
/// messages and a final status. Lives on the connection's event loop.
final class GRPCClientSession: HTTP2ConnectionDelegate {
    let http2: HTTP2ConnectionHandler
    let eventLoop: any EventLoop
    let configuration: GRPCClientConfiguration
    let authority: String
    /// Called once when the connection stops taking new calls (GOAWAY or close).
    var onUnusable: (@Sendable () -> Void)?
    private var calls: [Int32: GRPCClientCall] = [:]

    init(
        http2: HTTP2ConnectionHandler, eventLoop: any EventLoop, configuration: GRPCClientConfiguration,
        authority: String
    ) {
        self.http2 = http2
        self.eventLoop = eventLoop
        self.configuration = configuration
        self.authority = authority
    }

    /// Opens a call and returns its stream id. Throws, without calling `onClose`, if no stream could be
    /// opened: CANCELLED if the caller gave up already, UNAVAILABLE if this connection takes no new streams
    /// (the request never left, so it is safe to retry on a new connection).
    func start(
        path: String, metadata: GRPCMetadata, timeout: Duration?, cancellation: GRPCCallCancellation,
        onMessage: @escaping (ByteBuffer) -> Void, onClose: @escaping (GRPCStatus) -> Void
    ) throws(GRPCStatus) -> Int32 {
        guard !cancellation.isCancelled else {
            throw GRPCStatus(code: .cancelled, message: "call cancelled before it started")
        }
        var headers: HTTP2Headers = [
            ":method": "POST", ":scheme": "http", ":path": path, ":authority": authority,
            "content-type": "application/grpc", "te": "trailers", "user-agent": "cairn-grpc",
        ]
        if let timeout {
            headers.add("grpc-timeout", GRPCTimeout.format(timeout))
        }
        for entry in metadata.entries {
            headers.add(entry.key, entry.value)
        }
        let streamID: Int32
        do {
            streamID = try http2.submitRequest(headers: headers)
        } catch {
            onUnusable?()
            throw GRPCStatus(code: .unavailable, message: "cannot start a call: \(error)")
        }
        let call = GRPCClientCall(
            streamID: streamID, maxMessageSize: configuration.maxReceiveMessageSize, onMessage: onMessage,
            onClose: onClose)
        calls[streamID] = call
        if let timeout {
            let bound = NIOLoopBound(self, eventLoop: eventLoop)
            call.deadlineTimer = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                bound.value.cancel(
                    streamID: streamID, status: GRPCStatus(code: .deadlineExceeded, message: "deadline exceeded"))
            }
        }
        if !cancellation.opened(streamID: streamID) {
            cancel(streamID: streamID, status: GRPCStatus(code: .cancelled, message: "call cancelled"))
        }
        return streamID
    }

    /// Queues a framed request message; completes when the stream may take more.
    func send(_ framed: ByteBuffer, streamID: Int32) -> EventLoopFuture<Void> {
        guard let call = calls[streamID], !call.done else {
            return eventLoop.makeFailedFuture(GRPCStatus(code: .cancelled, message: "call already ended"))
        }
        return http2.write(framed, streamID: streamID).flatMapErrorThrowing { _ in
            throw GRPCStatus(code: .cancelled, message: "call already ended")
        }
    }

    /// Half-closes the request side (END_STREAM after the queued messages).
    func halfClose(streamID: Int32) {
        http2.finish(streamID: streamID, trailers: nil)
    }

    /// Ends a call locally with `status` and resets its stream with CANCEL.
    func cancel(streamID: Int32, status: GRPCStatus) {
        guard let call = calls[streamID], !call.done else { return }
        http2.reset(streamID: streamID, errorCode: .cancel)
        call.finish(status)
    }

    // MARK: HTTP2ConnectionDelegate

    func http2HeadersReceived(_ headers: HTTP2Headers, endStream: Bool, streamID: Int32) {
        guard let call = calls[streamID] else { return }
        if call.responseHeaders == nil {
            call.responseHeaders = headers
            if endStream {
                call.status = GRPCClientCall.status(from: headers)
            } else if let httpStatus = headers[":status"], httpStatus != "200" {
                call.status = GRPCClientCall.status(httpStatus: httpStatus)
            }
        } else {
            call.status = GRPCClientCall.status(from: headers)
        }
    }

    func http2DataReceived(_ data: ByteBuffer, streamID: Int32) {
        guard let call = calls[streamID], !call.done else { return }
        call.deframer.append(data)
        do {
            while let frame = try call.deframer.next() {
                guard !frame.compressed else {
                    cancel(
                        streamID: streamID,
                        status: GRPCStatus(code: .internalError, message: "compressed response not supported"))
                    return
                }
                call.onMessage(frame.message)
            }
        } catch {
            cancel(streamID: streamID, status: error.status)
        }
    }

    func http2StreamEnded(streamID: Int32) {}

    func http2StreamClosed(streamID: Int32, errorCode: HTTP2ErrorCode) {
        guard let call = calls.removeValue(forKey: streamID) else { return }
        if let status = call.status {
            call.finish(status)
        } else if http2.isConnectionClosed {
            call.finish(GRPCStatus(code: .unavailable, message: "connection closed"))
        } else {
            call.finish(GRPCClientCall.status(resetCode: errorCode))
        }
    }

    func http2GoAwayReceived(lastStreamID: Int32, errorCode: HTTP2ErrorCode) {
        onUnusable?()
    }

    func http2ConnectionClosed() {
        onUnusable?()
        onUnusable = nil
        let open = calls
        calls = [:]
        for call in open.values {
            call.finish(GRPCStatus(code: .unavailable, message: "connection closed"))
        }
    }
}

@available(*, unavailable)
extension GRPCClientSession: Sendable {}
