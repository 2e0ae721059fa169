import CairnHTTP2
import CairnWire
import NIOCore

/// The gRPC side of one server connection: turns HTTP/2 stream events into calls of the router's handlers
/// and their results into responses. Lives on the connection's event loop.
final class GRPCServerConnection: HTTP2ConnectionDelegate {
    let router: GRPCRouter
    let configuration: GRPCServerConfiguration
    let http2: HTTP2ConnectionHandler
    let eventLoop: any EventLoop
    /// Where the `.later` part of immediate unary handlers runs (see ``EventLoopTaskExecutor``).
    let unaryExecutor: EventLoopTaskExecutor
    let peer: String?
    /// The open calls' `GRPCServerCall`s by stream id (see `call(_:)`).
    var calls = StreamTable()
    /// The path and route of the latest call (see ``route(for:)``).
    private var recentRoute: (path: String, route: GRPCRoute)?
    /// Unary calls not started because the connection's queued output was over its limit, in arrival order;
    /// their request waits in `GRPCServerCall.request`.
    var unaryCallsWaitingForRoom: [Int32] = []

    init(
        router: GRPCRouter, configuration: GRPCServerConfiguration, http2: HTTP2ConnectionHandler, channel: any Channel
    ) {
        self.router = router
        self.configuration = configuration
        self.http2 = http2
        self.eventLoop = channel.eventLoop
        self.unaryExecutor = EventLoopTaskExecutor(channel.eventLoop)
        self.peer = channel.remoteAddress.map { "\($0.ipAddress ?? "local"):\($0.port ?? 0)" }
    }

    private var bound: NIOLoopBound<GRPCServerConnection> {
        NIOLoopBound(self, eventLoop: eventLoop)
    }

    /// The open call on stream `id`.
    func call(_ id: Int32) -> GRPCServerCall? {
        calls[id].map(Self.asCall)
    }

    /// What `calls` holds.
    private static func asCall(_ object: AnyObject) -> GRPCServerCall {
        unsafeDowncast(object, to: GRPCServerCall.self)
    }

    // MARK: HTTP2ConnectionDelegate

    func http2HeadersReceived(_ headers: HTTP2Headers, endStream: Bool, streamID: Int32) {
        if let call = call(streamID) {
            // Request trailers carry nothing gRPC uses; only their END_STREAM matters.
            if endStream { inputEnded(call) }
            return
        }
        guard let call = openCall(headers, streamID: streamID) else { return }
        if case .streaming(let body) = call.route {
            startStreaming(call, body)
        }
        if endStream { inputEnded(call) }
    }

    func http2DataReceived(_ data: ByteBuffer, streamID: Int32) {
        guard let call = call(streamID), !call.finished else { return }
        call.deframer.append(data)
        do {
            while let frame = try call.deframer.next() {
                guard !frame.compressed else {
                    fail(call, compressedMessageStatus(call.encoding))
                    return
                }
                deliver(frame.message, to: call)
            }
        } catch {
            fail(call, error.status)
        }
    }

    func http2StreamEnded(streamID: Int32) {
        guard let call = call(streamID) else { return }
        inputEnded(call)
    }

    func http2StreamClosed(streamID: Int32, errorCode: HTTP2ErrorCode) {
        guard let call = calls.remove(streamID).map(Self.asCall) else { return }
        call.deadlineTimer?.cancel()
        if call.finished {
            call.inbound?.finish()
        } else {
            // The client reset the stream (or the connection dropped): stop the handler, send nothing.
            call.finished = true
            call.task?.cancel()
            call.inbound?.finish(throwing: GRPCStatus(code: .cancelled, message: "call cancelled by the client"))
        }
        call.inbound = nil
    }

    func http2GoAwayReceived(lastStreamID: Int32, errorCode: HTTP2ErrorCode) {}

    /// Starts the parked unary calls in arrival order, and parks the rest again as soon as the responses of
    /// immediate ones fill the connection's budget anew.
    func http2OutboundRoomAvailable() {
        let parked = unaryCallsWaitingForRoom
        unaryCallsWaitingForRoom = []
        for (index, streamID) in parked.enumerated() {
            guard !http2.isOverOutboundBudget else {
                unaryCallsWaitingForRoom.insert(contentsOf: parked[index...], at: 0)
                return
            }
            guard let call = call(streamID), !call.finished, let request = call.request else { continue }
            call.request = nil
            startUnary(call, request: request)
        }
    }

    func http2ConnectionClosed() {
        calls = StreamTable()
        http2OutboundRoomAvailable()
    }

    // MARK: Calls

    /// Validates request headers and registers the call, or answers at once and returns nil.
    private func openCall(_ headers: HTTP2Headers, streamID: Int32) -> GRPCServerCall? {
        let head = GRPCRequestHead(headers)
        guard head.method == "POST" else {
            http2.reset(streamID: streamID, errorCode: .protocolError)
            return nil
        }
        guard let contentType = head.contentType, contentType.hasPrefix("application/grpc") else {
            try? http2.submitResponse(streamID: streamID, headers: [":status": "415"], endStream: true)
            return nil
        }
        guard !http2.isOverOutboundBudget || calls.count < configuration.maxCallsWhileOutboundBlocked else {
            // The client reads none of what it asked for: take no more work from it. The stream was not
            // processed, so a client may retry it (grpc-go does so transparently).
            http2.reset(streamID: streamID, errorCode: .refusedStream)
            return nil
        }
        let path = head.path ?? ""
        guard let route = route(for: path) else {
            sendTrailersOnly(streamID: streamID, status: router.unimplementedStatus(for: path))
            return nil
        }
        var timeout: Duration?
        if let value = head.timeout {
            guard let parsed = GRPCTimeout.parse(value) else {
                sendTrailersOnly(
                    streamID: streamID, status: GRPCStatus(code: .internalError, message: "malformed time-out"))
                return nil
            }
            timeout = parsed
        }
        let context = GRPCCallContext(
            path: path, metadata: head.metadata, deadline: timeout.map { ContinuousClock.now + $0 }, peer: peer)
        let call = GRPCServerCall(
            streamID: streamID, route: route, context: context, encoding: head.encoding,
            maxMessageSize: configuration.maxReceiveMessageSize)
        calls.insert(call, id: streamID)
        if let timeout {
            let bound = self.bound
            call.deadlineTimer = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                bound.value.deadlineExpired(streamID: streamID)
            }
        }
        return call
    }

    /// The router's route for `path`, remembering the latest: a client calls the same method again and again,
    /// and its `:path` is then the same string object (HTTP2ConnectionHandler reuses unchanged header strings),
    /// which compares equal without reading its bytes, let alone hashing them.
    private func route(for path: String) -> GRPCRoute? {
        if let recent = recentRoute, recent.path == path { return recent.route }
        guard let route = router.route(for: path) else { return nil }
        recentRoute = (path, route)
        return route
    }

    private func deliver(_ message: ByteBuffer, to call: GRPCServerCall) {
        call.requestCount += 1
        if call.route.takesSingleRequest {
            if call.requestCount == 1 { call.request = message }
        } else {
            call.inbound?.yield(message)
        }
    }

    /// The client half-closed: a unary or server-streaming handler starts now; a streaming one sees the end.
    private func inputEnded(_ call: GRPCServerCall) {
        guard !call.finished else { return }
        switch call.route {
        case .streaming:
            call.inbound?.finish()
            call.inbound = nil
        case .unary, .immediateUnary:
            guard let request = singleRequest(call) else { return }
            if http2.isOverOutboundBudget {
                call.request = request
                unaryCallsWaitingForRoom.append(call.streamID)
            } else {
                startUnary(call, request: request)
            }
        case .serverStreaming(let body):
            guard let request = singleRequest(call) else { return }
            let handle = GRPCServerStreamHandle(connection: bound, streamID: call.streamID)
            let context = call.context
            call.task = Task {
                do {
                    try await body(request, handle, context)
                    handle.complete(.ok)
                } catch {
                    handle.complete(GRPCStatus(reporting: error))
                }
            }
        }
    }

    private func singleRequest(_ call: GRPCServerCall) -> ByteBuffer? {
        guard call.requestCount == 1, let request = call.request else {
            let message =
                call.requestCount == 0
                ? "grpc: no request message before the end of the stream"
                : "grpc: \(call.requestCount) request messages for a method that takes one"
            fail(call, GRPCStatus(code: .internalError, message: message))
            return nil
        }
        call.request = nil
        return request
    }

    private func startStreaming(
        _ call: GRPCServerCall,
        _ body: @escaping @Sendable (GRPCInboundMessages, GRPCServerStreamHandle, GRPCCallContext) async throws -> Void
    ) {
        let (messages, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        call.inbound = continuation
        http2.consumeManually(streamID: call.streamID)
        let requests = GRPCInboundMessages(
            messages: messages,
            credit: GRPCInboundCredit(http2: http2, eventLoop: eventLoop, streamID: call.streamID))
        let handle = GRPCServerStreamHandle(connection: bound, streamID: call.streamID)
        let context = call.context
        call.task = Task {
            do {
                try await body(requests, handle, context)
                handle.complete(.ok)
            } catch {
                handle.complete(GRPCStatus(reporting: error))
            }
        }
    }

    /// Sends a unary call's response (headers, message and trailers, submitted together) or its error status.
    func completeUnary(_ call: GRPCServerCall, result: Result<ByteBuffer, GRPCStatus>) {
        guard !call.finished else { return }
        switch result {
        case .success(let framed):
            end(call)
            call.headersSent = true
            try? http2.submitCompleteResponse(
                streamID: call.streamID, headers: Self.responseHeaders, body: framed, trailers: Self.okTrailers)
        case .failure(let status):
            finish(call, status)
        }
    }

    /// Queues one framed response message of a streaming call (see `GRPCResponseWriter.write`).
    func send(_ framed: ByteBuffer, streamID: Int32) -> EventLoopFuture<Void> {
        guard let call = call(streamID), !call.finished else {
            return eventLoop.makeFailedFuture(GRPCStatus(code: .cancelled, message: "call already ended"))
        }
        sendHeaders(call)
        return http2.write(framed, streamID: streamID).flatMapErrorThrowing { _ in
            throw GRPCStatus(code: .cancelled, message: "call already ended")
        }
    }

    /// A handler task finished with `status`.
    func complete(streamID: Int32, status: GRPCStatus) {
        guard let call = call(streamID) else { return }
        finish(call, status)
    }

    private func deadlineExpired(streamID: Int32) {
        guard let call = call(streamID) else { return }
        fail(call, GRPCStatus(code: .deadlineExceeded, message: "context deadline exceeded"))
    }

    /// Ends a call early: sends `status`, cancels the handler and its request stream.
    private func fail(_ call: GRPCServerCall, _ status: GRPCStatus) {
        guard !call.finished else { return }
        finish(call, status)
        call.task?.cancel()
        call.inbound?.finish(throwing: status)
        call.inbound = nil
    }

    /// Sends `status`: as trailers after what the call sent, or as a trailers-only response.
    func finish(_ call: GRPCServerCall, _ status: GRPCStatus) {
        guard !call.finished else { return }
        end(call)
        if call.headersSent {
            http2.finish(streamID: call.streamID, trailers: Self.trailers(for: status))
        } else {
            sendTrailersOnly(streamID: call.streamID, status: status)
        }
    }

    /// Marks the call as answered: later events are ignored, its deadline no longer matters.
    private func end(_ call: GRPCServerCall) {
        call.finished = true
        call.deadlineTimer?.cancel()
        call.deadlineTimer = nil
    }

    private func sendHeaders(_ call: GRPCServerCall) {
        guard !call.headersSent else { return }
        call.headersSent = true
        try? http2.submitResponse(
            streamID: call.streamID, headers: Self.responseHeaders, endStream: false)
    }

    private func sendTrailersOnly(streamID: Int32, status: GRPCStatus) {
        var headers = Self.responseHeaders
        headers.fields += Self.trailers(for: status).fields
        if status.code == .unimplemented && status.message.hasPrefix("grpc: Decompressor") {
            headers.add("grpc-accept-encoding", "identity")
        }
        try? http2.submitResponse(streamID: streamID, headers: headers, endStream: true)
    }

    /// The response headers of every call, and the trailers of every successful one: built once, not per call.
    static let responseHeaders = HTTP2Headers([
        HTTP2Headers.Field(name: ":status", value: "200"),
        HTTP2Headers.Field(name: "content-type", value: "application/grpc"),
    ]).prepared()
    static let okTrailers = HTTP2Headers([HTTP2Headers.Field(name: "grpc-status", value: "0")]).prepared()

    static func trailers(for status: GRPCStatus) -> HTTP2Headers {
        if status.code == .ok && status.message.isEmpty { return okTrailers }
        var trailers: HTTP2Headers = ["grpc-status": String(status.code.rawValue)]
        if !status.message.isEmpty {
            trailers.add("grpc-message", GRPCMessageCoding.percentEncode(status.message))
        }
        return trailers
    }

    private func compressedMessageStatus(_ encoding: String?) -> GRPCStatus {
        guard let encoding, encoding != "identity" else {
            return GRPCStatus(
                code: .internalError, message: "grpc: compressed flag set with identity or empty encoding")
        }
        return GRPCStatus(
            code: .unimplemented, message: "grpc: Decompressor is not installed for grpc-encoding \"\(encoding)\"")
    }
}

@available(*, unavailable)
extension GRPCServerConnection: Sendable {}
