import CNGHTTP2
import NIOCore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

// All nghttp2 calls that take or hand out pointers live in this file. Callbacks are non-capturing closures
// that recover the handler from the session's user data; they record events and never send or close.

extension HTTP2ConnectionHandler {
    /// Calls `body` with the handler a session's user data points to, without retaining it: the handler owns
    /// the session, so it outlives every callback.
    static func withOwner<R>(_ userData: UnsafeMutableRawPointer?, _ body: (HTTP2ConnectionHandler) -> R) -> R {
        Unmanaged<HTTP2ConnectionHandler>.fromOpaque(userData!)._withUnsafeGuaranteedRef(body)
    }

    func makeSession() throws(HTTP2Error) -> OpaquePointer {
        var callbacks: OpaquePointer?
        guard nghttp2_session_callbacks_new(&callbacks) == 0, let callbacks else {
            throw .library(Int32(NGHTTP2_ERR_NOMEM.rawValue), "out of memory")
        }
        defer { nghttp2_session_callbacks_del(callbacks) }
        Self.installCallbacks(callbacks)

        var option: OpaquePointer?
        guard nghttp2_option_new(&option) == 0, let option else {
            throw .library(Int32(NGHTTP2_ERR_NOMEM.rawValue), "out of memory")
        }
        defer { nghttp2_option_del(option) }
        // Receive windows are credited as data is consumed (see `consume`), so a slow reader pushes back.
        nghttp2_option_set_no_auto_window_update(option, 1)
        // nghttp2's rapid-reset limit counts every reset; `ResetRateLimiter` counts only unanswered streams.
        _ = cairn_nghttp2_option_set_stream_reset_rate_limit(option, .max, .max)
        // A server keeps closed streams for the RFC 7540 priority tree, up to SETTINGS_MAX_CONCURRENT_STREAMS
        // of them: with etcd's unlimited default, every stream a long-lived client ever opened (about 270
        // bytes each), and a larger stream map to search on every frame.
        nghttp2_option_set_no_closed_streams(option, 1)

        var created: OpaquePointer?
        let result: Int32
        switch role {
        case .server: result = nghttp2_session_server_new2(&created, callbacks, nil, option)
        case .client: result = nghttp2_session_client_new2(&created, callbacks, nil, option)
        }
        guard result == 0, let created else {
            throw .library(result, String(cString: nghttp2_strerror(result)))
        }
        nghttp2_session_set_user_data(created, Unmanaged.passUnretained(self).toOpaque())
        return created
    }

    func submitInitialSettings() throws(HTTP2Error) {
        guard let session else { return }
        var settings = [
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue),
                value: configuration.maxConcurrentStreams),
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue),
                value: UInt32(configuration.initialStreamWindowSize)),
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue),
                value: UInt32(configuration.maxHeaderListSize)),
        ]
        if role == .client {
            settings.append(
                nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_ENABLE_PUSH.rawValue), value: 0))
        }
        // RFC 9218: no RFC 7540 stream priorities here (gRPC sends none), so nghttp2 keeps no priority tree.
        settings.append(
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_NO_RFC7540_PRIORITIES.rawValue), value: 1))
        var result = nghttp2_submit_settings(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), settings, settings.count)
        if result == 0 {
            result = nghttp2_session_set_local_window_size(
                session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, configuration.connectionWindowSize)
        }
        if result != 0 {
            throw .library(result, String(cString: nghttp2_strerror(result)))
        }
    }

    private static func installCallbacks(_ callbacks: OpaquePointer) {
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { _, frame, userData in
            HTTP2ConnectionHandler.withOwner(userData) { $0.beginHeaders(frame!.pointee) }
        }
        nghttp2_session_callbacks_set_on_header_callback(callbacks) {
            _, frame, name, nameLength, value, valueLength, _, userData in
            HTTP2ConnectionHandler.withOwner(userData) {
                $0.receiveHeader(
                    streamID: frame!.pointee.hd.stream_id,
                    name: UnsafeBufferPointer(start: name, count: nameLength),
                    value: UnsafeBufferPointer(start: value, count: valueLength))
            }
        }
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
            HTTP2ConnectionHandler.withOwner(userData) { $0.receiveFrame(frame!.pointee) }
        }
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) {
            _, _, streamID, data, length, userData in
            HTTP2ConnectionHandler.withOwner(userData) {
                $0.receiveData(
                    streamID: streamID, UnsafeRawBufferPointer(start: data, count: length))
            }
        }
        nghttp2_session_callbacks_set_on_frame_send_callback(callbacks) { _, frame, userData in
            HTTP2ConnectionHandler.withOwner(userData) { $0.sentFrame(frame!.pointee) }
        }
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { _, streamID, errorCode, userData in
            HTTP2ConnectionHandler.withOwner(userData) { $0.streamClosed(streamID: streamID, errorCode: errorCode) }
        }
    }

    private func beginHeaders(_ frame: nghttp2_frame) -> Int32 {
        let streamID = frame.hd.stream_id
        if let stream = stream(streamID) {
            stream.inboundHeaders = HTTP2InboundHeaderBlock()
        } else if role == .server && frame.headers.cat == NGHTTP2_HCAT_REQUEST {
            streams.insert(HTTP2StreamState(), id: streamID)
        }
        return 0
    }

    private func receiveHeader(
        streamID: Int32, name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>
    ) -> Int32 {
        guard let stream = stream(streamID) else { return 0 }
        stream.inboundHeaders.listSize += name.count + value.count + 32
        if stream.inboundHeaders.listSize > configuration.maxHeaderListSize {
            // nghttp2 answers with RST_STREAM(INTERNAL_ERROR) and closes just this stream.
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue
        }
        let field: HTTP2Headers.Field
        let position = stream.inboundHeaders.count
        if position < previousHeaderFields.count {
            // Strings equal to the previous block's are reused: no allocation, no UTF-8 validation.
            let previous = previousHeaderFields[position]
            let (sameName, sameValue) = (previous.name.hasUTF8(name), previous.value.hasUTF8(value))
            if sameName && sameValue && stream.inboundHeaders.matchesPrevious {
                stream.inboundHeaders.appendMatching()
                return 0
            }
            field = HTTP2Headers.Field(
                name: sameName ? previous.name : String(decoding: name, as: UTF8.self),
                value: sameValue ? previous.value : String(decoding: value, as: UTF8.self))
        } else {
            field = HTTP2Headers.Field(
                name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
        }
        stream.inboundHeaders.append(field, previous: previousHeaderFields)
        return 0
    }

    private func receiveFrame(_ frame: nghttp2_frame) -> Int32 {
        let streamID = frame.hd.stream_id
        let endStream = frame.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
        switch UInt32(frame.hd.type) {
        case NGHTTP2_HEADERS.rawValue:
            guard let stream = stream(streamID) else { return 0 }
            let headers = stream.inboundHeaders.headers(previous: previousHeaderFields)
            if frame.headers.cat != NGHTTP2_HCAT_HEADERS {
                previousHeaderFields = headers.fields
            }
            pendingEvents.append(.headers(streamID, headers, endStream: endStream))
            stream.inboundHeaders = HTTP2InboundHeaderBlock()
        case NGHTTP2_DATA.rawValue where endStream:
            pendingEvents.append(.streamEnded(streamID))
        case NGHTTP2_RST_STREAM.rawValue where role == .server:
            guard let stream = stream(streamID), stream.provider == .none else { return 0 }
            guard resetLimiter.admit() else {
                resetFloodDetected = true
                return Int32(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue)
            }
        case NGHTTP2_GOAWAY.rawValue:
            goAwayReceived = true
            pendingEvents.append(
                .goAway(
                    lastStreamID: frame.goaway.last_stream_id,
                    HTTP2ErrorCode(rawValue: frame.goaway.error_code)))
        default:
            break
        }
        return 0
    }

    private func receiveData(streamID: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard stream(streamID) != nil, let context else {
            pendingEvents.append(.consume(streamID, bytes.count))
            return 0
        }
        if case .data(let lastID, var buffer) = pendingEvents.last, lastID == streamID {
            pendingEvents.removeLast()
            buffer.writeBytes(bytes)
            pendingEvents.append(.data(streamID, buffer))
        } else {
            pendingEvents.append(
                .data(streamID, sliceOfInbound(bytes) ?? context.channel.allocator.buffer(bytes: bytes)))
        }
        return 0
    }

    /// `bytes` as a slice of the buffer being read, when they lie in it (no copy, no allocation).
    private func sliceOfInbound(_ bytes: UnsafeRawBufferPointer) -> ByteBuffer? {
        guard let inbound, let start = bytes.baseAddress, start >= inbound.start,
            start + bytes.count <= inbound.start + inbound.buffer.readableBytes
        else { return nil }
        return inbound.buffer.getSlice(at: inbound.buffer.readerIndex + (start - inbound.start), length: bytes.count)
    }

    private func sentFrame(_ frame: nghttp2_frame) -> Int32 {
        let type = UInt32(frame.hd.type)
        let endStream = frame.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
        guard role == .server, endStream, type == NGHTTP2_HEADERS.rawValue || type == NGHTTP2_DATA.rawValue,
            let session
        else { return 0 }
        if nghttp2_session_get_stream_remote_close(session, frame.hd.stream_id) == 0 {
            pendingNoErrorResets.append(frame.hd.stream_id)
        }
        return 0
    }

    private func streamClosed(streamID: Int32, errorCode: UInt32) -> Int32 {
        guard let stream = streams.remove(streamID).map(Self.asStream) else { return 0 }
        if !stream.writabilityWaiters.isEmpty {
            streamsWaitingForConnectionRoom.remove(streamID)
        }
        dequeued(stream.queuedBytes, from: stream)
        if stream.unconsumedBytes > 0 {
            pendingEvents.append(.consumeConnection(stream.unconsumedBytes))
        }
        if !stream.writabilityWaiters.isEmpty {
            pendingEvents.append(.releaseWriters(stream.writabilityWaiters, .streamClosed))
        }
        pendingEvents.append(.streamClosed(streamID, HTTP2ErrorCode(rawValue: errorCode)))
        return 0
    }

    /// The body of every data provider: copies queued bytes into nghttp2's frame buffer, defers when the
    /// queue is empty, and at the end sets EOF (plus NO_END_STREAM and the trailers when there are any).
    fileprivate func readOutbound(
        streamID: Int32, into frame: UnsafeMutablePointer<UInt8>, length: Int, flags: UnsafeMutablePointer<UInt32>
    ) -> Int {
        guard let stream = stream(streamID), let session else {
            return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue)
        }
        var copied = 0
        while copied < length, let first = stream.outbound.first {
            let count = min(length - copied, first.readableBytes)
            first.withUnsafeReadableBytes { source in
                UnsafeMutableRawPointer(frame + copied).copyMemory(from: source.baseAddress!, byteCount: count)
            }
            if count == first.readableBytes {
                stream.outbound.removeFirst()
            } else {
                stream.outbound.advanceFirst(by: count)
            }
            copied += count
        }
        dequeued(copied, from: stream)
        guard stream.outbound.isEmpty else { return copied }
        if stream.endRequested {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            stream.provider = .finished
            if let trailers = stream.trailers {
                flags.pointee |= NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
                _ = trailers.withNameValuePairs { nva, count in
                    nghttp2_submit_trailer(session, streamID, nva, count)
                }
            }
        } else if copied == 0 {
            stream.provider = .deferred
            return Int(NGHTTP2_ERR_DEFERRED.rawValue)
        }
        return copied
    }

    /// Runs every recorded event and hands stream events to the delegate.
    func dispatchEvents() {
        while !pendingEvents.isEmpty {
            swap(&pendingEvents, &dispatchingEvents)
            for event in dispatchingEvents {
                dispatch(event)
            }
            dispatchingEvents.removeAll(keepingCapacity: true)
        }
    }

    private func dispatch(_ event: HTTP2Event) {
        switch event {
        case .releaseWriters(let waiters, nil):
            for waiter in waiters { waiter.succeed() }
        case .releaseWriters(let waiters, let error?):
            for waiter in waiters { waiter.fail(error) }
        case .headers(let streamID, let headers, let endStream):
            delegate?.http2HeadersReceived(headers, endStream: endStream, streamID: streamID)
        case .data(let streamID, let data):
            delegate?.http2DataReceived(data, streamID: streamID)
            if let stream = stream(streamID), stream.consumesManually {
                stream.unconsumedBytes += data.readableBytes
            } else if let session {
                nghttp2_session_consume(session, streamID, data.readableBytes)
            }
        case .consume(let streamID, let count):
            if let session { nghttp2_session_consume(session, streamID, count) }
        case .consumeConnection(let count):
            if let session { nghttp2_session_consume_connection(session, count) }
        case .streamEnded(let streamID):
            delegate?.http2StreamEnded(streamID: streamID)
        case .streamClosed(let streamID, let errorCode):
            delegate?.http2StreamClosed(streamID: streamID, errorCode: errorCode)
        case .goAway(let lastStreamID, let errorCode):
            delegate?.http2GoAwayReceived(lastStreamID: lastStreamID, errorCode: errorCode)
        case .outboundRoomAvailable:
            delegate?.http2OutboundRoomAvailable()
        }
    }

    /// Drains `mem_send` into one buffer, writes and flushes it once, then hands the resulting events on
    /// and closes the channel when nghttp2 wants neither to read nor to write.
    func flush() {
        flushScheduled = false
        guard let session, let context else { return }
        var output: ByteBuffer?
        while true {
            var chunk: UnsafePointer<UInt8>?
            let count = cairn_nghttp2_mem_send(session, &chunk)
            if count < 0 {
                terminate(after: Int32(count))
                return
            }
            if count > 0 {
                let bytes = UnsafeRawBufferPointer(start: chunk, count: count)
                if output == nil {
                    output = context.channel.allocator.buffer(capacity: max(count, 16 << 10))
                }
                output!.writeBytes(bytes)
                continue
            }
            guard !pendingNoErrorResets.isEmpty else { break }
            for streamID in pendingNoErrorResets {
                nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, 0)
            }
            pendingNoErrorResets = []
        }
        if let output {
            context.writeAndFlush(wrapOutboundOut(output), promise: nil)
        }
        dispatchEvents()
        if self.session != nil && nghttp2_session_want_read(session) == 0 && nghttp2_session_want_write(session) == 0 {
            context.close(promise: nil)
        }
    }

    /// Ends the session after nghttp2 reported the fatal error `code` (bad preface, flood, broken frames):
    /// sends GOAWAY if the session can still do so, then closes the channel.
    func terminate(after code: Int32) {
        guard let session, let context else { return }
        let flooded = code == NGHTTP2_ERR_FLOODED.rawValue || resetFloodDetected
        let errorCode: HTTP2ErrorCode = flooded ? .enhanceYourCalm : .protocolError
        nghttp2_session_terminate_session(session, errorCode.rawValue)
        var output = context.channel.allocator.buffer(capacity: 64)
        var chunk: UnsafePointer<UInt8>?
        var count = cairn_nghttp2_mem_send(session, &chunk)
        while count > 0 {
            output.writeBytes(UnsafeRawBufferPointer(start: chunk, count: count))
            count = cairn_nghttp2_mem_send(session, &chunk)
        }
        pendingEvents = []
        pendingNoErrorResets = []
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(output)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    /// Frees the session and reports every open stream, then the connection, as closed.
    func tearDown() {
        guard let session else { return }
        nghttp2_session_del(session)
        self.session = nil
        graceTimer?.cancel()
        graceTimer = nil
        pendingEvents = []
        pendingNoErrorResets = []
        let open = streams.removeAll().map { ($0.id, Self.asStream($0.value)) }
        streamsWaitingForConnectionRoom = []
        queuedOutboundBytes = 0
        let delegate = self.delegate
        self.delegate = nil
        for (streamID, stream) in open {
            for waiter in stream.writabilityWaiters {
                waiter.fail(HTTP2Error.connectionClosed)
            }
            delegate?.http2StreamClosed(streamID: streamID, errorCode: .cancel)
        }
        delegate?.http2ConnectionClosed()
    }
}

/// The one read callback all data providers share (see shim.h: it travels in `source.ptr`).
private let outboundReadCallbackBody: cairn_nghttp2_read_callback = { _, streamID, frame, length, flags, userData in
    HTTP2ConnectionHandler.withOwner(userData) {
        $0.readOutbound(streamID: streamID, into: frame!, length: length, flags: flags!)
    }
}

/// The data-provider callback handed to the shim's submit functions.
var outboundReadCallback: cairn_nghttp2_read_callback { outboundReadCallbackBody }

extension HTTP2Headers {
    /// Calls `body` with an `nghttp2_nv` array over this block. The pointers are valid only inside `body`;
    /// nghttp2 copies names and values during submission (no NO_COPY flags are used). Unless the block is
    /// `prepared()`, names, values and the array live in temporary (stack, when small) storage.
    func withNameValuePairs<R>(_ body: (UnsafePointer<nghttp2_nv>?, Int) -> R) -> R {
        if let nameValuePairs {
            return body(UnsafePointer(nameValuePairs.pairs.baseAddress), nameValuePairs.pairs.count)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(Self.byteCount(of: fields), 1)) { bytes in
            withUnsafeTemporaryAllocation(of: nghttp2_nv.self, capacity: max(fields.count, 1)) { pairs in
                Self.write(fields, into: bytes, pairs: pairs)
                return body(UnsafePointer(pairs.baseAddress), fields.count)
            }
        }
    }

    /// The bytes of the names and values of `fields`.
    static func byteCount(of fields: [Field]) -> Int {
        fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
    }

    /// Copies the names and values of `fields` into `bytes` (at least `byteCount(of:)` long) and points the
    /// first `fields.count` elements of `pairs` at them.
    static func write(
        _ fields: [Field], into bytes: UnsafeMutableBufferPointer<UInt8>, pairs: UnsafeMutableBufferPointer<nghttp2_nv>
    ) {
        var offset = 0
        func copy(_ text: String) -> (UnsafeMutablePointer<UInt8>, Int) {
            let start = bytes.baseAddress! + offset
            let (_, copied) = UnsafeMutableBufferPointer(rebasing: bytes[offset...]).initialize(from: text.utf8)
            offset += copied
            return (start, copied)
        }
        for (index, field) in fields.enumerated() {
            let (name, nameLength) = copy(field.name)
            let (value, valueLength) = copy(field.value)
            pairs.initializeElement(
                at: index,
                to: nghttp2_nv(
                    name: name, value: value, namelen: nameLength, valuelen: valueLength,
                    flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue)))
        }
    }
}

extension String {
    /// Whether this string's UTF-8 is exactly `bytes`.
    fileprivate func hasUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        utf8.count == bytes.count
            && (bytes.isEmpty
                || utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) }
                    == 0)
    }
}

/// A header block in nghttp2's form, built once (see `HTTP2Headers.prepared()`): the names and values in one
/// allocation, the `nghttp2_nv` array in another, both alive as long as this object and never changed after
/// `init`.
final class HTTP2NameValuePairs: @unchecked Sendable {
    let pairs: UnsafeMutableBufferPointer<nghttp2_nv>
    private let bytes: UnsafeMutableBufferPointer<UInt8>

    init(_ fields: [HTTP2Headers.Field]) {
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, HTTP2Headers.byteCount(of: fields)))
        let pairs = UnsafeMutableBufferPointer<nghttp2_nv>.allocate(capacity: max(1, fields.count))
        HTTP2Headers.write(fields, into: bytes, pairs: pairs)
        self.bytes = bytes
        self.pairs = UnsafeMutableBufferPointer(rebasing: pairs[..<fields.count])
    }

    deinit {
        pairs.deallocate()
        bytes.deallocate()
    }
}
