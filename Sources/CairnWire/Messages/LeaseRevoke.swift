import NIOCore

/// Lease/LeaseRevoke request.
public struct LeaseRevokeRequest: WireMessage {
    public var id: Int64 = 0

    public init() {}

    public init(
        id: Int64 = 0
    ) {
        self.id = id
    }
}

extension LeaseRevokeRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseRevokeRequest" }

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
        size += WireSize.int64(1, id)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.int64(1, id)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: id = try reader.int64(tag, "ID")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Lease/LeaseRevoke response.
public struct LeaseRevokeResponse: WireMessage {
    public var header: ResponseHeader? = nil

    public init() {}

    public init(
        header: ResponseHeader? = nil
    ) {
        self.header = header
    }
}

extension LeaseRevokeResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseRevokeResponse" }

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
