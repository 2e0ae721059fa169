import NIOCore

/// One keep-alive on a Lease/LeaseKeepAlive stream.
public struct LeaseKeepAliveRequest: WireMessage {
    public var id: Int64 = 0

    public init() {}

    public init(
        id: Int64 = 0
    ) {
        self.id = id
    }
}

extension LeaseKeepAliveRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseKeepAliveRequest" }

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

/// One answer on a Lease/LeaseKeepAlive stream.
public struct LeaseKeepAliveResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var id: Int64 = 0
    public var ttl: Int64 = 0

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        id: Int64 = 0,
        ttl: Int64 = 0
    ) {
        self.header = header
        self.id = id
        self.ttl = ttl
    }
}

extension LeaseKeepAliveResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseKeepAliveResponse" }

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
        size += WireSize.int64(2, id)
        size += WireSize.int64(3, ttl)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.int64(2, id)
        writer.int64(3, ttl)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: id = try reader.int64(tag, "ID")
            case 3: ttl = try reader.int64(tag, "TTL")
            default: try reader.skip(tag)
            }
        }
    }
}
