import NIOCore

/// Lease/LeaseGrant request.
public struct LeaseGrantRequest: WireMessage {
    public var ttl: Int64 = 0
    public var id: Int64 = 0

    public init() {}

    public init(
        ttl: Int64 = 0,
        id: Int64 = 0
    ) {
        self.ttl = ttl
        self.id = id
    }
}

extension LeaseGrantRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseGrantRequest" }

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
        size += WireSize.int64(1, ttl)
        size += WireSize.int64(2, id)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.int64(1, ttl)
        writer.int64(2, id)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: ttl = try reader.int64(tag, "TTL")
            case 2: id = try reader.int64(tag, "ID")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Lease/LeaseGrant response.
public struct LeaseGrantResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var id: Int64 = 0
    public var ttl: Int64 = 0
    public var error: String = ""

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        id: Int64 = 0,
        ttl: Int64 = 0,
        error: String = ""
    ) {
        self.header = header
        self.id = id
        self.ttl = ttl
        self.error = error
    }
}

extension LeaseGrantResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseGrantResponse" }

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
        size += WireSize.string(4, error)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.int64(2, id)
        writer.int64(3, ttl)
        writer.string(4, error)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: id = try reader.int64(tag, "ID")
            case 3: ttl = try reader.int64(tag, "TTL")
            case 4: error = try reader.string(tag, "error")
            default: try reader.skip(tag)
            }
        }
    }
}
