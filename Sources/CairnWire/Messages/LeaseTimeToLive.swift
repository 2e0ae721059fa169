import NIOCore

/// Lease/LeaseTimeToLive request.
public struct LeaseTimeToLiveRequest: WireMessage {
    public var id: Int64 = 0
    public var keys: Bool = false

    public init() {}

    public init(
        id: Int64 = 0,
        keys: Bool = false
    ) {
        self.id = id
        self.keys = keys
    }
}

extension LeaseTimeToLiveRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseTimeToLiveRequest" }

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
        size += WireSize.bool(2, keys)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.int64(1, id)
        writer.bool(2, keys)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: id = try reader.int64(tag, "ID")
            case 2: keys = try reader.bool(tag, "keys")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Lease/LeaseTimeToLive response.
public struct LeaseTimeToLiveResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var id: Int64 = 0
    public var ttl: Int64 = 0
    public var grantedTTL: Int64 = 0
    public var keys: [[UInt8]] = []

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        id: Int64 = 0,
        ttl: Int64 = 0,
        grantedTTL: Int64 = 0,
        keys: [[UInt8]] = []
    ) {
        self.header = header
        self.id = id
        self.ttl = ttl
        self.grantedTTL = grantedTTL
        self.keys = keys
    }
}

extension LeaseTimeToLiveResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseTimeToLiveResponse" }

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
        size += WireSize.int64(4, grantedTTL)
        size += WireSize.repeatedBytes(5, keys)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.int64(2, id)
        writer.int64(3, ttl)
        writer.int64(4, grantedTTL)
        writer.repeatedBytes(5, keys)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: id = try reader.int64(tag, "ID")
            case 3: ttl = try reader.int64(tag, "TTL")
            case 4: grantedTTL = try reader.int64(tag, "grantedTTL")
            case 5: try reader.appendBytes(tag, "keys", to: &keys)
            default: try reader.skip(tag)
            }
        }
    }
}
