import CNGHTTP2
import NIOCore

extension HTTP2ConnectionHandler {
    /// Server role: sends the response headers of `streamID`. With `endStream` the block ends the stream
    /// (a trailers-only gRPC response); otherwise a long-lived data provider is attached that sends what
    /// `write(_:streamID:)` queues and ends with `finish(streamID:trailers:)`.
    package func submitResponse(streamID: Int32, headers: HTTP2Headers, endStream: Bool) throws(HTTP2Error) {
        guard let session, let stream = stream(streamID) else { throw .streamClosed }
        let result = headers.withNameValuePairs { nva, count in
            cairn_nghttp2_submit_response(session, streamID, nva, count, endStream ? nil : outboundReadCallback)
        }
        try check(result)
        if endStream {
            stream.provider = .finished
            stream.endRequested = true
        } else {
            stream.provider = .active
        }
        scheduleFlush()
    }

    /// Server role: a complete response, its headers, one DATA payload and `trailers`, submitted at once (the
    /// answer of a unary gRPC call). The payload counts against the queue limits as `write` does, but nothing
    /// waits for it to leave.
    package func submitCompleteResponse(
        streamID: Int32, headers: HTTP2Headers, body: ByteBuffer, trailers: HTTP2Headers
    ) throws(HTTP2Error) {
        guard let session, let stream = stream(streamID) else { throw .streamClosed }
        let result = headers.withNameValuePairs { nva, count in
            cairn_nghttp2_submit_response(session, streamID, nva, count, outboundReadCallback)
        }
        try check(result)
        stream.provider = .active
        stream.endRequested = true
        stream.trailers = trailers
        enqueue(body, on: stream)
        scheduleFlush()
    }

    /// Client role: opens a stream with request `headers` and a long-lived data provider for its body.
    /// Returns the new stream's id.
    package func submitRequest(headers: HTTP2Headers) throws(HTTP2Error) -> Int32 {
        guard let session, context != nil else { throw .connectionClosed }
        guard !goAwayReceived else { throw .goAwayReceived }
        let streamID = headers.withNameValuePairs { nva, count in
            cairn_nghttp2_submit_request(session, nva, count, outboundReadCallback)
        }
        try check(streamID)
        let stream = HTTP2StreamState()
        stream.provider = .active
        streams.insert(stream, id: streamID)
        scheduleFlush()
        return streamID
    }

    /// Queues DATA payload on a stream. The returned future succeeds at once while the stream's queued bytes
    /// are within `maxQueuedBytesPerStream` and the connection's within `maxQueuedBytesPerConnection`,
    /// otherwise when nghttp2 has taken enough of them (that is, when the peer's flow-control windows let
    /// them go); it fails if the stream closes first.
    package func write(_ data: ByteBuffer, streamID: Int32) -> EventLoopFuture<Void> {
        guard let eventLoop else {
            preconditionFailure("HTTP2ConnectionHandler used before it joined a pipeline")
        }
        guard context != nil else {
            return eventLoop.makeFailedFuture(HTTP2Error.connectionClosed)
        }
        guard let stream = stream(streamID), !stream.endRequested else {
            return eventLoop.makeFailedFuture(HTTP2Error.streamClosed)
        }
        enqueue(data, on: stream)
        resumeIfDeferred(streamID, stream)
        scheduleFlush()
        if !isOverOutboundBudget && stream.queuedBytes <= configuration.maxQueuedBytesPerStream {
            return eventLoop.makeSucceededVoidFuture()
        }
        let promise = eventLoop.makePromise(of: Void.self)
        stream.writabilityWaiters.append(promise)
        streamsWaitingForConnectionRoom.insert(streamID)
        return promise.futureResult
    }

    /// Ends the outbound side of a stream after its queued data: with `trailers` (server role, gRPC
    /// trailers) or with an empty END_STREAM DATA frame (client half-close).
    package func finish(streamID: Int32, trailers: HTTP2Headers?) {
        guard let stream = stream(streamID), !stream.endRequested else { return }
        stream.endRequested = true
        stream.trailers = trailers
        resumeIfDeferred(streamID, stream)
        scheduleFlush()
    }

    /// Sends RST_STREAM with `errorCode`, dropping whatever is still queued on the stream.
    package func reset(streamID: Int32, errorCode: HTTP2ErrorCode) {
        guard let session, let stream = stream(streamID) else { return }
        stream.outbound.removeAll()
        dequeued(stream.queuedBytes, from: stream)
        stream.endRequested = true
        nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, errorCode.rawValue)
        scheduleFlush()
    }

    /// From now on, DATA received on the stream is credited to the peer's flow-control windows only when
    /// the delegate calls `consume(streamID:bytes:)`, so a reader that stops reading stops the sender.
    package func consumeManually(streamID: Int32) {
        stream(streamID)?.consumesManually = true
    }

    /// Credits `bytes` of DATA received on a manually consuming stream (WINDOW_UPDATE follows as nghttp2
    /// sees fit). Ignored after the stream closed: its bytes were credited to the connection then.
    package func consume(streamID: Int32, bytes: Int) {
        guard let session, let stream = stream(streamID), bytes > 0 else { return }
        let credited = min(bytes, stream.unconsumedBytes)
        stream.unconsumedBytes -= credited
        nghttp2_session_consume(session, streamID, credited)
        scheduleFlush()
    }

    /// Whether the streams' queued outbound bytes together exceed `maxQueuedBytesPerConnection`: the peer is
    /// not reading what it asked for. The delegate hears `http2OutboundRoomAvailable()` once they no longer do.
    package var isOverOutboundBudget: Bool {
        queuedOutboundBytes > configuration.maxQueuedBytesPerConnection
    }

    /// Whether the session is gone (the connection closed or the handler left the pipeline).
    package var isConnectionClosed: Bool {
        session == nil
    }

    /// Starts a graceful shutdown: GOAWAY(NO_ERROR) naming the last stream processed, so the peer opens no
    /// new streams; open streams may finish. The connection closes when none is left, or after `grace`.
    package func initiateGracefulShutdown(grace: TimeAmount) {
        guard let session, let context else { return }
        let lastStreamID = nghttp2_session_get_last_proc_stream_id(session)
        nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), lastStreamID, 0, nil, 0)
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        graceTimer = context.eventLoop.scheduleTask(in: grace) {
            handler.value.context?.close(promise: nil)
        }
        scheduleFlush()
    }

    /// Accounts for `count` queued bytes of `stream` that left its queue (sent, or dropped by a reset), and
    /// releases the writers that may go on: those of `stream` once it is under its own limit, and everyone's
    /// once the connection is under its limit (the delegate then hears `http2OutboundRoomAvailable()`).
    func dequeued(_ count: Int, from stream: HTTP2StreamState) {
        stream.queuedBytes -= count
        queuedOutboundBytes -= count
        guard outboundBudgetExceeded || !stream.writabilityWaiters.isEmpty, !isOverOutboundBudget else { return }
        var released: [EventLoopPromise<Void>] = []
        for streamID in streamsWaitingForConnectionRoom {
            guard let waiting = self.stream(streamID), waiting.queuedBytes <= configuration.maxQueuedBytesPerStream
            else { continue }
            released += waiting.writabilityWaiters
            waiting.writabilityWaiters = []
            streamsWaitingForConnectionRoom.remove(streamID)
        }
        if !released.isEmpty {
            pendingEvents.append(.releaseWriters(released, nil))
        }
        if outboundBudgetExceeded {
            outboundBudgetExceeded = false
            pendingEvents.append(.outboundRoomAvailable)
        }
    }

    /// Queues DATA payload on `stream` and counts it, noting when the connection goes over its budget.
    private func enqueue(_ data: ByteBuffer, on stream: HTTP2StreamState) {
        stream.outbound.append(data)
        stream.queuedBytes += data.readableBytes
        queuedOutboundBytes += data.readableBytes
        if isOverOutboundBudget {
            outboundBudgetExceeded = true
        }
    }

    private func resumeIfDeferred(_ streamID: Int32, _ stream: HTTP2StreamState) {
        guard stream.provider == .deferred, let session else { return }
        stream.provider = .active
        nghttp2_session_resume_data(session, streamID)
    }

    private func check(_ result: Int32) throws(HTTP2Error) {
        if result < 0 {
            throw HTTP2Error.library(result, String(cString: nghttp2_strerror(result)))
        }
    }
}
