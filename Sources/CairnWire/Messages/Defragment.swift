import NIOCore

/// Maintenance/Defragment request.
public struct DefragmentRequest: WireMessage {
    public init() {}
}

extension DefragmentRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.DefragmentRequest" }

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

/// Maintenance/Defragment response.
public struct DefragmentResponse: WireMessage {
    public var header: ResponseHeader? = nil

    public init() {}

    public init(
        header: ResponseHeader? = nil
    ) {
        self.header = header
    }
}

extension DefragmentResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.DefragmentResponse" }

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
