import NIOCore

/// Maintenance/Snapshot request.
public struct SnapshotRequest: WireMessage {
    public init() {}
}

extension SnapshotRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.SnapshotRequest" }

    public func encode(into buffer: inout ByteBuffer) {
        encodeMessage(into: &buffer)
    }

    public init(decoding buffer: ByteBuffer) throws(WireError) {
        self = try Self.decodeMessage(from: buffer)
    }

    public func encodedBuffer() -> ByteBuffer {
        encodeMessageBuffer()
    }

    public func encodedBytes() -> [UInt8] {
        encodeMessageBytes()
    }

    var encodedSize: Int { 0 }

    func write(to writer: inout WireWriter) {}

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            try reader.skip(tag)
        }
    }
}

/// One chunk of a Maintenance/Snapshot stream.
public struct SnapshotResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var remainingBytes: UInt64 = 0
    public var blob: [UInt8] = []

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        remainingBytes: UInt64 = 0,
        blob: [UInt8] = []
    ) {
        self.header = header
        self.remainingBytes = remainingBytes
        self.blob = blob
    }
}

extension SnapshotResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.SnapshotResponse" }

    public func encode(into buffer: inout ByteBuffer) {
        encodeMessage(into: &buffer)
    }

    public init(decoding buffer: ByteBuffer) throws(WireError) {
        self = try Self.decodeMessage(from: buffer)
    }

    public func encodedBuffer() -> ByteBuffer {
        encodeMessageBuffer()
    }

    public func encodedBytes() -> [UInt8] {
        encodeMessageBytes()
    }

    var encodedSize: Int {
        var size = 0
        size += WireSize.message(1, header)
        size += WireSize.uint64(2, remainingBytes)
        size += WireSize.bytes(3, blob)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.uint64(2, remainingBytes)
        writer.bytes(3, blob)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: remainingBytes = try reader.uint64(tag, "remaining_bytes")
            case 3: blob = try reader.bytes(tag, "blob")
            default: try reader.skip(tag)
            }
        }
    }
}
