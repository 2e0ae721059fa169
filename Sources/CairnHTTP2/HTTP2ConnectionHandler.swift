import CNGHTTP2
import NIOCore

/// A NIO channel handler that owns one nghttp2 session, in the server or the client role.
///
/// Bytes read from the channel go through `nghttp2_session_mem_recv`; frames nghttp2 wants to send are drained
/// with `nghttp2_session_mem_send` into one buffer that is written and flushed once per event-loop turn.
/// nghttp2 callbacks only record events; they are handed to the `delegate` after the nghttp2 call returns.
/// Every method must be called on the channel's event loop. No nghttp2 type leaves this module.
package final class HTTP2ConnectionHandler: ChannelInboundHandler {
    package typealias InboundIn = ByteBuffer
    package typealias OutboundOut = ByteBuffer

    /// Which end of the connection this session plays.
    package enum Role: Sendable {
        case server
        case client
    }

    let role: Role
    let configuration: HTTP2Configuration
    /// Receives the stream events; released when the connection closes.
    package var delegate: (any HTTP2ConnectionDelegate)?

    var session: OpaquePointer?
    var context: ChannelHandlerContext?
    /// The channel's event loop, kept after the handler leaves the pipeline so late callers get failed futures.
    var eventLoop: (any EventLoop)?
    /// The open streams' `HTTP2StreamState`s (see `stream(_:)`).
    var streams = StreamTable()
    /// Sum of every stream's `queuedBytes`.
    package internal(set) var queuedOutboundBytes = 0
    /// Streams whose writers wait (also) for `queuedOutboundBytes` to fall to the connection's limit.
    var streamsWaitingForConnectionRoom: Set<Int32> = []
    /// `queuedOutboundBytes` went over the connection's limit and the delegate has not yet heard that it
    /// fell back.
    var outboundBudgetExceeded = false
    /// Events recorded by callbacks during the current nghttp2 call.
    var pendingEvents: [HTTP2Event] = []
    /// The events being handed out by `dispatchEvents`; swapped with `pendingEvents` so that neither array is
    /// reallocated per read.
    var dispatchingEvents: [HTTP2Event] = []
    /// The fields of the latest request (or response) header block received: a peer sends nearly the same
    /// fields on every stream. A field equal to the one at the same position here reuses its strings, and a
    /// block equal to this one shares its array (see `HTTP2InboundHeaderBlock`).
    var previousHeaderFields: [HTTP2Headers.Field] = []
    /// Streams whose END_STREAM went out while the peer was still sending; reset with NO_ERROR (server role).
    var pendingNoErrorResets: [Int32] = []
    /// The buffer `channelRead` is feeding to nghttp2 and where its readable bytes start: nghttp2 hands DATA
    /// payloads out as pointers into it, which become slices of it rather than copies.
    var inbound: (buffer: ByteBuffer, start: UnsafeRawPointer)?
    /// Set between `channelRead` and `channelReadComplete`, which flushes once for the whole burst.
    var readInProgress = false
    /// A `flush()` task is already queued on the event loop.
    var flushScheduled = false
    var goAwayReceived = false
    /// Charges the peer's resets of streams not answered yet (see `ResetRateLimiter`).
    var resetLimiter: ResetRateLimiter
    /// The peer reset more unanswered streams than `resetLimiter` allows; the session ends with ENHANCE_YOUR_CALM.
    var resetFloodDetected = false
    var graceTimer: Scheduled<Void>?

    /// A handler for `role`; the session is created when the handler joins a pipeline.
    package init(role: Role, configuration: HTTP2Configuration = HTTP2Configuration()) {
        self.role = role
        self.configuration = configuration
        self.resetLimiter = ResetRateLimiter(burst: configuration.resetBurst, perSecond: configuration.resetRate)
    }

    deinit {
        if let session {
            nghttp2_session_del(session)
        }
    }

    package func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        self.eventLoop = context.eventLoop
        do {
            session = try makeSession()
            try submitInitialSettings()
        } catch {
            context.fireErrorCaught(error)
            context.close(promise: nil)
            return
        }
        if context.channel.isActive {
            flush()
        }
    }

    package func handlerRemoved(context: ChannelHandlerContext) {
        tearDown()
        self.context = nil
    }

    package func channelActive(context: ChannelHandlerContext) {
        flush()
        context.fireChannelActive()
    }

    package func channelInactive(context: ChannelHandlerContext) {
        tearDown()
        context.fireChannelInactive()
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let session else { return }
        let buffer = unwrapInboundIn(data)
        readInProgress = true
        let result = buffer.withUnsafeReadableBytes { bytes in
            inbound = bytes.baseAddress.map { (buffer, $0) }
            defer { inbound = nil }
            return cairn_nghttp2_mem_recv(session, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        if result < 0 {
            readInProgress = false
            terminate(after: Int32(result))
            return
        }
        dispatchEvents()
    }

    package func channelReadComplete(context: ChannelHandlerContext) {
        readInProgress = false
        flush()
        context.fireChannelReadComplete()
    }

    /// The state of open stream `id`.
    func stream(_ id: Int32) -> HTTP2StreamState? {
        streams[id].map(Self.asStream)
    }

    /// What `streams` holds.
    static func asStream(_ object: AnyObject) -> HTTP2StreamState {
        unsafeDowncast(object, to: HTTP2StreamState.self)
    }

    /// Asks for a `flush()` at the end of the current read burst, or in a task of its own on the event loop.
    func scheduleFlush() {
        guard !readInProgress, !flushScheduled, let eventLoop else { return }
        flushScheduled = true
        let handler = NIOLoopBound(self, eventLoop: eventLoop)
        eventLoop.execute {
            handler.value.flush()
        }
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension HTTP2ConnectionHandler: Sendable {}
