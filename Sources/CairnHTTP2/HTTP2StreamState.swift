import DequeModule
import NIOCore

/// Per-stream bookkeeping of an `HTTP2ConnectionHandler`. Lives from the stream's first HEADERS (or our
/// request submission) until nghttp2 reports the stream closed.
final class HTTP2StreamState {
    /// Where the stream's long-lived data provider stands.
    enum ProviderState {
        /// No provider attached yet (response headers not submitted).
        case none
        /// nghttp2 will call the provider when the window allows.
        case active
        /// The provider returned NGHTTP2_ERR_DEFERRED; `resume_data` is needed before it runs again.
        case deferred
        /// The provider reported EOF; nothing more is sent from it.
        case finished
    }

    /// The header block being received (fields accumulate until END_HEADERS).
    var inboundHeaders = HTTP2InboundHeaderBlock()
    /// Outbound DATA payload not yet taken by nghttp2.
    var outbound = HTTP2OutboundQueue()
    /// Sum of the readable bytes in `outbound`.
    var queuedBytes = 0
    var provider = ProviderState.none
    /// The writer has no more data: send EOF (with trailers, if any) once `outbound` is drained.
    var endRequested = false
    /// Trailers to send after the last DATA frame.
    var trailers: HTTP2Headers?
    /// The delegate credits received DATA itself (`HTTP2ConnectionHandler.consume`) instead of on delivery.
    var consumesManually = false
    /// Received DATA bytes of a manually consuming stream not credited yet; credited to the connection
    /// window when the stream closes, so an abandoned stream cannot shrink it.
    var unconsumedBytes = 0
    /// Writers waiting for `queuedBytes` to fall back under the limit.
    var writabilityWaiters: [EventLoopPromise<Void>] = []
}

@available(*, unavailable)
extension HTTP2StreamState: Sendable {}

/// A stream's outbound DATA payload, oldest first. The oldest buffer is kept inline: most streams queue a
/// single one (a unary response) and never allocate the `Deque` behind it.
struct HTTP2OutboundQueue {
    /// The oldest buffer; nil only when the queue is empty.
    private(set) var first: ByteBuffer?
    private var rest = Deque<ByteBuffer>()

    var isEmpty: Bool { first == nil }

    mutating func append(_ buffer: ByteBuffer) {
        if first == nil {
            first = buffer
        } else {
            rest.append(buffer)
        }
    }

    mutating func removeFirst() {
        first = rest.popFirst()
    }

    /// Marks `count` bytes of the oldest buffer as taken.
    mutating func advanceFirst(by count: Int) {
        first?.moveReaderIndex(forwardBy: count)
    }

    mutating func removeAll() {
        first = nil
        rest.removeAll()
    }
}

/// A header block being received, compared field by field with the previous request (or response) block of
/// the connection: a peer sends nearly the same fields on every stream. While every field equals the one at its
/// position there, none is stored, and the finished block shares that block's array (no allocation, no
/// reference counting per field).
struct HTTP2InboundHeaderBlock {
    /// The fields, once one differed from the previous block's; empty before.
    private var fields: [HTTP2Headers.Field] = []
    /// How many fields were received.
    private(set) var count = 0
    /// Every field so far equals the previous block's at the same position.
    private(set) var matchesPrevious = true
    /// Size as counted against SETTINGS_MAX_HEADER_LIST_SIZE (name + value + 32 per field).
    var listSize = 0

    /// Counts a field equal to `previous[count]`, while `matchesPrevious`.
    mutating func appendMatching() {
        count += 1
    }

    /// Appends a field; the first one that differs copies the matching prefix of `previous`.
    mutating func append(_ field: HTTP2Headers.Field, previous: [HTTP2Headers.Field]) {
        if matchesPrevious {
            fields = Array(previous[..<count])
            fields.reserveCapacity(max(8, count + 1))
            matchesPrevious = false
        }
        fields.append(field)
        count += 1
    }

    /// The finished block; `previous` must be the block it was compared with.
    func headers(previous: [HTTP2Headers.Field]) -> HTTP2Headers {
        guard matchesPrevious else { return HTTP2Headers(fields) }
        return HTTP2Headers(count == previous.count ? previous : Array(previous[..<count]))
    }
}
