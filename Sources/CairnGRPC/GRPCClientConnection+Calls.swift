import CairnWire
import NIOCore

extension GRPCClientConnection {
    /// Makes a unary call. `timeout` is sent as `grpc-timeout` and also enforced locally; cancelling the
    /// calling task resets the stream (RST_STREAM CANCEL). Throws the call's `GRPCStatus` unless it is OK.
    /// A call that could not be opened because the connection stopped taking streams is retried once on a
    /// new connection.
    package func unary<Req: WireMessage, Res: WireMessage>(
        path: String, request: Req, metadata: GRPCMetadata = GRPCMetadata(), timeout: Duration? = nil,
        responseType: Res.Type = Res.self
    ) async throws -> Res {
        let framed = request.grpcFramed()
        do {
            return try await unaryAttempt(path: path, framed: framed, metadata: metadata, timeout: timeout)
        } catch let notStarted as GRPCCallNotStarted where notStarted.status.code == .unavailable {
            do {
                return try await unaryAttempt(path: path, framed: framed, metadata: metadata, timeout: timeout)
            } catch let again as GRPCCallNotStarted {
                throw again.status
            }
        } catch let notStarted as GRPCCallNotStarted {
            throw notStarted.status
        }
    }

    private func unaryAttempt<Res: WireMessage>(
        path: String, framed: ByteBuffer, metadata: GRPCMetadata, timeout: Duration?
    ) async throws -> Res {
        let reference = try await session()
        let promise = reference.eventLoop.makePromise(of: ByteBuffer.self)
        let cancellation = GRPCCallCancellation()
        let response = try await withTaskCancellationHandler {
            reference.eventLoop.execute {
                let session = reference.session.value
                var response: ByteBuffer?
                var count = 0
                let streamID: Int32
                do throws(GRPCStatus) {
                    streamID = try session.start(
                        path: path, metadata: metadata, timeout: timeout, cancellation: cancellation,
                        onMessage: { message in
                            count += 1
                            response = message
                        },
                        onClose: { status in
                            if status == GRPCClientCall.refused {
                                promise.fail(GRPCCallNotStarted(status: status))
                            } else if status.code != .ok {
                                promise.fail(status)
                            } else if count == 1, let response {
                                promise.succeed(response)
                            } else {
                                promise.fail(
                                    GRPCStatus(
                                        code: .internalError, message: "unary call got \(count) response messages"))
                            }
                        })
                } catch {
                    promise.fail(GRPCCallNotStarted(status: error))
                    return
                }
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
    /// Like `unary`, a call the connection refused to open is retried once on a new connection.
    package func bidirectional<Req: WireMessage, Res: WireMessage>(
        path: String, metadata: GRPCMetadata = GRPCMetadata(), timeout: Duration? = nil,
        requestType: Req.Type = Req.self, responseType: Res.Type = Res.self
    ) async throws -> GRPCBidirectionalCall<Req, Res> {
        do {
            return try await bidirectionalAttempt(path: path, metadata: metadata, timeout: timeout)
        } catch let status as GRPCStatus where status.code == .unavailable {
            return try await bidirectionalAttempt(path: path, metadata: metadata, timeout: timeout)
        }
    }

    private func bidirectionalAttempt<Req: WireMessage, Res: WireMessage>(
        path: String, metadata: GRPCMetadata, timeout: Duration?
    ) async throws -> GRPCBidirectionalCall<Req, Res> {
        let reference = try await session()
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let cancellation = GRPCCallCancellation()
        let (streamID, credit) = try await reference.eventLoop.submit {
            let session = reference.session.value
            let streamID = try session.start(
                path: path, metadata: metadata, timeout: timeout, cancellation: cancellation,
                onMessage: { continuation.yield($0) },
                onClose: { status in
                    if status.code == .ok {
                        continuation.finish()
                    } else {
                        continuation.finish(throwing: status)
                    }
                })
            session.http2.consumeManually(streamID: streamID)
            return (streamID, GRPCInboundCredit(http2: session.http2, eventLoop: session.eventLoop, streamID: streamID))
        }.get()
        continuation.onTermination = { termination in
            if case .cancelled = termination {
                Self.cancel(cancellation, on: reference)
            }
        }
        return GRPCBidirectionalCall(
            reference: reference, streamID: streamID, cancellation: cancellation,
            responses: GRPCResponseStream(source: GRPCInboundMessages(messages: stream, credit: credit)))
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

/// A call that never got a stream; carries the status to report if it is not retried.
struct GRPCCallNotStarted: Error {
    let status: GRPCStatus
}
