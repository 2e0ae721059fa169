import CairnWire
import NIOCore

extension GRPCClientConnection {
    /// Makes a unary call. `timeout` is sent as `grpc-timeout` and also enforced locally; cancelling the
    /// calling task resets the stream (RST_STREAM CANCEL). Throws the call's `GRPCStatus` unless it is OK.
    package func unary<Req: WireMessage, Res: WireMessage>(
        path: String, request: Req, metadata: GRPCMetadata = GRPCMetadata(), timeout: Duration? = nil,
        responseType: Res.Type = Res.self
    ) async throws -> Res {
        let reference = try await session()
        let framed = request.grpcFramed()
        let promise = reference.eventLoop.makePromise(of: ByteBuffer.self)
        let cancellation = GRPCCallCancellation()
        let response = try await withTaskCancellationHandler {
            reference.eventLoop.execute {
                let session = reference.session.value
                var response: ByteBuffer?
                var count = 0
                let streamID = session.start(
                    path: path, metadata: metadata, timeout: timeout, cancellation: cancellation,
                    onMessage: { message in
                        count += 1
                        response = message
                    },
                    onClose: { status in
                        if status.code != .ok {
                            promise.fail(status)
                        } else if count == 1, let response {
                            promise.succeed(response)
                        } else {
                            promise.fail(
                                GRPCStatus(
                                    code: .internalError, message: "unary call got \(count) response messages"))
                        }
                    })
                guard let streamID else { return }
                _ = session.send(framed, streamID: streamID)
                session.halfClose(streamID: streamID)
            }
            return try await promise.futureResult.get()
        } onCancel: {
            Self.cancel(cancellation, on: reference)
        }
        return try Res.decodeResponse(response)
    }

    /// Starts a bidirectional call: send requests with `send`, half-close with `finish`, read `responses`.
    package func bidirectional<Req: WireMessage, Res: WireMessage>(
        path: String, metadata: GRPCMetadata = GRPCMetadata(), timeout: Duration? = nil,
        requestType: Req.Type = Req.self, responseType: Res.Type = Res.self
    ) async throws -> GRPCBidirectionalCall<Req, Res> {
        let reference = try await session()
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let cancellation = GRPCCallCancellation()
        let streamID = try await reference.eventLoop.submit {
            reference.session.value.start(
                path: path, metadata: metadata, timeout: timeout, cancellation: cancellation,
                onMessage: { continuation.yield($0) },
                onClose: { status in
                    if status.code == .ok {
                        continuation.finish()
                    } else {
                        continuation.finish(throwing: status)
                    }
                })
        }.get()
        guard let streamID else {
            var failed = stream.makeAsyncIterator()
            _ = try await failed.next()
            throw GRPCStatus(code: .unavailable, message: "call could not be started")
        }
        continuation.onTermination = { termination in
            if case .cancelled = termination {
                Self.cancel(cancellation, on: reference)
            }
        }
        return GRPCBidirectionalCall(
            reference: reference, streamID: streamID, cancellation: cancellation,
            responses: GRPCResponseStream(source: stream))
    }

    /// Makes a server-streaming call: one request, then the returned responses.
    package func serverStreaming<Req: WireMessage, Res: WireMessage>(
        path: String, request: Req, metadata: GRPCMetadata = GRPCMetadata(), timeout: Duration? = nil,
        responseType: Res.Type = Res.self
    ) async throws -> GRPCResponseStream<Res> {
        let call = try await bidirectional(
            path: path, metadata: metadata, timeout: timeout, requestType: Req.self, responseType: Res.self)
        try await call.send(request)
        call.finish()
        return call.responses
    }

    static func cancel(_ cancellation: GRPCCallCancellation, on reference: SessionReference) {
        guard let streamID = cancellation.cancel() else { return }
        reference.eventLoop.execute {
            reference.session.value.cancel(
                streamID: streamID, status: GRPCStatus(code: .cancelled, message: "call cancelled"))
        }
    }
}

extension WireMessage {
    /// Decodes a response, reporting failure as INTERNAL.
    static func decodeResponse(_ buffer: ByteBuffer) throws(GRPCStatus) -> Self {
        do {
            return try Self(decoding: buffer)
        } catch {
            throw GRPCStatus(code: .internalError, message: "grpc: failed to unmarshal the received message: \(error)")
        }
    }
}
