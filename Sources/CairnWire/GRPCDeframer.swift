import NIOCore

/// Why a gRPC message stream could not be split into messages.
public enum GRPCDeframingError: Error, Sendable, Hashable {
    /// A message prefix announced more bytes than the configured maximum.
    case messageTooLarge(length: Int, limit: Int)
    /// The compressed-flag byte was neither 0 nor 1.
    case invalidCompressionFlag(UInt8)

    /// The status a gRPC server answers with, matching grpc-go's wording.
    public var status: GRPCStatus {
        switch self {
        case .messageTooLarge(let length, let limit):
            return GRPCStatus(
                code: .resourceExhausted,
                message: "grpc: received message larger than max (\(length) vs. \(limit))"
            )
        case .invalidCompressionFlag(let flag):
            return GRPCStatus(code: .internalError, message: "grpc: invalid compressed-flag \(flag)")
        }
    }
}

/// Splits a byte stream (bytes arriving at arbitrary boundaries) into gRPC messages.
///
/// The size limit is checked as soon as a 5-byte prefix is complete, before any of the body is
/// waited for, so an oversize message is rejected without buffering it. Messages are returned as
/// slices of the appended bytes, never copied. Bytes of an unfinished message are kept in a buffer of
/// their own: an appended buffer may be a slice of a much larger one (a whole socket read), which
/// would otherwise stay allocated for as long as the rest of the message takes to arrive.
public struct GRPCDeframer: Sendable {
    public let maxMessageSize: Int
    private var pending = ByteBuffer()
    /// `pending` is a buffer `append` adopted as it was, not one of the deframer's own.
    private var pendingIsAdopted = false

    public init(maxMessageSize: Int) {
        self.maxMessageSize = maxMessageSize
    }

    /// Adds bytes received from the peer.
    public mutating func append(_ bytes: ByteBuffer) {
        if pending.readableBytes == 0 {
            pending = bytes
            pendingIsAdopted = true
            return
        }
        if pending.readerIndex > pending.readableBytes {
            pending.discardReadBytes()
        }
        pending.writeImmutableBuffer(bytes)
        pendingIsAdopted = false
    }

    /// The next complete message, or nil when more bytes are needed.
    public mutating func next() throws(GRPCDeframingError) -> GRPCFrame? {
        guard pending.readableBytes >= GRPCFramer.prefixLength,
            let flag = pending.getInteger(at: pending.readerIndex, as: UInt8.self),
            let length = pending.getInteger(at: pending.readerIndex + 1, as: UInt32.self)
        else { return keepingPartialMessage() }
        guard flag <= 1 else { throw .invalidCompressionFlag(flag) }
        let size = Int(length)
        guard size <= maxMessageSize else { throw .messageTooLarge(length: size, limit: maxMessageSize) }
        guard pending.readableBytes - GRPCFramer.prefixLength >= size else { return keepingPartialMessage() }
        pending.moveReaderIndex(forwardBy: GRPCFramer.prefixLength)
        guard let message = pending.readSlice(length: size) else { return nil }
        return GRPCFrame(compressed: flag == 1, message: message)
    }

    /// Moves the bytes of an unfinished message out of an adopted buffer into one of the deframer's own, and
    /// returns nil: more bytes are needed.
    private mutating func keepingPartialMessage() -> GRPCFrame? {
        if pendingIsAdopted && pending.readableBytes > 0 {
            var own = ByteBufferAllocator().buffer(capacity: pending.readableBytes)
            own.writeImmutableBuffer(pending)
            pending = own
            pendingIsAdopted = false
        }
        return nil
    }

    /// True when bytes of an unfinished message are buffered (a stream ending now is truncated).
    public var hasPartialMessage: Bool {
        pending.readableBytes > 0
    }
}
