import NIOCore

/// A protobuf message with a hand-written proto3 codec.
public protocol WireMessage: Sendable, Hashable {
    init()
    /// Appends this message's protobuf encoding (no gRPC frame) to `buffer`.
    func encode(into buffer: inout ByteBuffer)
    /// Decodes a message from exactly the readable bytes of `buffer`.
    init(decoding buffer: ByteBuffer) throws(WireError)
    /// This message's protobuf encoding in a new buffer.
    func encodedBuffer() -> ByteBuffer
    /// This message's protobuf encoding as an array.
    func encodedBytes() -> [UInt8]
    /// This message behind its 5-byte gRPC prefix, in a new buffer: one gRPC Length-Prefixed-Message.
    func grpcFramed() -> ByteBuffer
}

/// Fallbacks for messages defined outside this module (such as test doubles); every message of
/// `Protos/` implements both with a single exact-size allocation.
extension WireMessage {
    public func encodedBuffer() -> ByteBuffer {
        var buffer = ByteBuffer()
        encode(into: &buffer)
        return buffer
    }

    public func encodedBytes() -> [UInt8] {
        Array(encodedBuffer().readableBytesView)
    }

    public func grpcFramed() -> ByteBuffer {
        var framed = ByteBuffer()
        GRPCFramer.frame(self, into: &framed)
        return framed
    }

    /// Decodes a message from all of `bytes`.
    public init(decoding bytes: [UInt8]) throws(WireError) {
        try self.init(decoding: ByteBuffer(bytes: bytes))
    }
}

/// The codec every message implements; ``WireMessage``'s public entry points call into it.
protocol WireCodable: WireMessage {
    /// The fully qualified protobuf name, used in error reports.
    static var protoName: StaticString { get }
    /// The exact number of bytes ``write(to:)`` produces.
    var encodedSize: Int { get }
    func write(to writer: inout WireWriter)
    /// Decodes fields from `reader` into `self`: scalars overwrite, repeated fields append,
    /// message fields merge (the protobuf rules for a field that occurs more than once).
    mutating func merge(from reader: inout WireReader) throws(WireError)
}

extension WireCodable {
    /// Writes the message into `buffer`, reserving its exact size once.
    @inline(__always)
    func encodeMessage(into buffer: inout ByteBuffer) {
        let size = encodedSize
        guard size > 0 else { return }
        buffer.reserveCapacity(minimumWritableBytes: size)
        let written = buffer.withUnsafeMutableWritableBytes { region in
            var writer = WireWriter(region)
            write(to: &writer)
            return writer.position
        }
        precondition(written == size, "encoded size mismatch in \(Self.protoName)")
        buffer.moveWriterIndex(forwardBy: size)
    }

    /// The gRPC-framed encoding in a buffer allocated once, at exactly its size (a message framed into an
    /// empty buffer would grow it twice: for the prefix, then for the message).
    public func grpcFramed() -> ByteBuffer {
        let size = encodedSize
        var buffer = ByteBufferAllocator().buffer(capacity: GRPCFramer.prefixLength + size)
        GRPCFramer.writePrefix(length: size, into: &buffer)
        encodeMessage(into: &buffer)
        return buffer
    }

    /// The encoding in a buffer allocated once, at exactly the encoded size.
    func encodeMessageBuffer() -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: encodedSize)
        encodeMessage(into: &buffer)
        return buffer
    }

    /// The encoding written straight into an array allocated once, at exactly the encoded size.
    ///
    /// An empty message returns `[]` at once: `Array(unsafeUninitializedCapacity: 0)` stores its count
    /// into the shared empty-array storage, a write that ThreadSanitizer reports as a race between
    /// threads encoding empty messages.
    func encodeMessageBytes() -> [UInt8] {
        let size = encodedSize
        guard size > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: size) { region, count in
            var writer = WireWriter(UnsafeMutableRawBufferPointer(region))
            write(to: &writer)
            precondition(writer.position == size, "encoded size mismatch in \(Self.protoName)")
            count = size
        }
    }

    /// Decodes the message held in the readable bytes of `buffer`.
    @inline(__always)
    static func decodeMessage(from buffer: ByteBuffer) throws(WireError) -> Self {
        let result = buffer.withUnsafeReadableBytes { raw -> Result<Self, WireError> in
            var reader = WireReader(bytes: raw, messageName: protoName)
            var value = Self()
            do throws(WireError) {
                try value.merge(from: &reader)
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// An open protobuf enum: any 32-bit number is representable, known ones have names.
protocol WireEnum: Sendable, Hashable {
    var rawValue: Int32 { get }
    init(rawValue: Int32)
}
