import NIOCore

/// One gRPC Length-Prefixed-Message: the compressed flag and the message bytes.
public struct GRPCFrame: Sendable, Hashable {
    public var compressed: Bool
    public var message: ByteBuffer

    public init(compressed: Bool = false, message: ByteBuffer) {
        self.compressed = compressed
        self.message = message
    }
}

/// Writes gRPC Length-Prefixed-Messages: a flag byte (always 0, uncompressed), a 4-byte
/// big-endian length, then the message.
public enum GRPCFramer {
    /// The size of the prefix in front of every message.
    public static let prefixLength = 5

    /// Frames already-encoded message bytes.
    public static func frame(_ message: ByteBuffer, into buffer: inout ByteBuffer) {
        buffer.reserveCapacity(minimumWritableBytes: prefixLength + message.readableBytes)
        writePrefix(length: message.readableBytes, into: &buffer)
        buffer.writeImmutableBuffer(message)
    }

    /// Writes the prefix of an uncompressed message of `length` bytes.
    static func writePrefix(length: Int, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(messageLength(length))
    }

    /// Encodes and frames `message` in place: the length is filled in after encoding, so the
    /// message is never copied.
    public static func frame<M: WireMessage>(_ message: M, into buffer: inout ByteBuffer) {
        let start = buffer.writerIndex
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(UInt32(0))
        message.encode(into: &buffer)
        buffer.setInteger(messageLength(buffer.writerIndex - start - prefixLength), at: start + 1)
    }

    private static func messageLength(_ count: Int) -> UInt32 {
        precondition(count <= Int(UInt32.max), "gRPC message larger than 4 GiB")
        return UInt32(truncatingIfNeeded: count)
    }
}
