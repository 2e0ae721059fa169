import NIOCore

/// KV/Compact request.
public struct CompactionRequest: WireMessage {
    public var revision: Int64 = 0
    public var physical: Bool = false

    public init() {}

    public init(
        revision: Int64 = 0,
        physical: Bool = false
    ) {
        self.revision = revision
        self.physical = physical
    }
}

extension CompactionRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.CompactionRequest" }

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
        size += WireSize.int64(1, revision)
        size += WireSize.bool(2, physical)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.int64(1, revision)
        writer.bool(2, physical)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: revision = try reader.int64(tag, "revision")
            case 2: physical = try reader.bool(tag, "physical")
            default: try reader.skip(tag)
            }
        }
    }
}

/// KV/Compact response.
public struct CompactionResponse: WireMessage {
    public var header: ResponseHeader? = nil

    public init() {}

    public init(
        header: ResponseHeader? = nil
    ) {
        self.header = header
    }
}

extension CompactionResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.CompactionResponse" }

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
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            default: try reader.skip(tag)
            }
        }
    }
}
