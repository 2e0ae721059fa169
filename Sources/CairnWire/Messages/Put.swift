import NIOCore

/// KV/Put request.
public struct PutRequest: WireMessage {
    public var key: [UInt8] = []
    public var value: [UInt8] = []
    public var lease: Int64 = 0
    public var prevKv: Bool = false
    public var ignoreValue: Bool = false
    public var ignoreLease: Bool = false

    public init() {}

    public init(
        key: [UInt8] = [],
        value: [UInt8] = [],
        lease: Int64 = 0,
        prevKv: Bool = false,
        ignoreValue: Bool = false,
        ignoreLease: Bool = false
    ) {
        self.key = key
        self.value = value
        self.lease = lease
        self.prevKv = prevKv
        self.ignoreValue = ignoreValue
        self.ignoreLease = ignoreLease
    }
}

extension PutRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.PutRequest" }

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
        size += WireSize.bytes(1, key)
        size += WireSize.bytes(2, value)
        size += WireSize.int64(3, lease)
        size += WireSize.bool(4, prevKv)
        size += WireSize.bool(5, ignoreValue)
        size += WireSize.bool(6, ignoreLease)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.bytes(1, key)
        writer.bytes(2, value)
        writer.int64(3, lease)
        writer.bool(4, prevKv)
        writer.bool(5, ignoreValue)
        writer.bool(6, ignoreLease)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: key = try reader.bytes(tag, "key")
            case 2: value = try reader.bytes(tag, "value")
            case 3: lease = try reader.int64(tag, "lease")
            case 4: prevKv = try reader.bool(tag, "prev_kv")
            case 5: ignoreValue = try reader.bool(tag, "ignore_value")
            case 6: ignoreLease = try reader.bool(tag, "ignore_lease")
            default: try reader.skip(tag)
            }
        }
    }
}

/// KV/Put response.
public struct PutResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var prevKv: KeyValue? = nil

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        prevKv: KeyValue? = nil
    ) {
        self.header = header
        self.prevKv = prevKv
    }
}

extension PutResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.PutResponse" }

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
        size += WireSize.message(2, prevKv)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.message(2, prevKv)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: try reader.message(tag, "prev_kv", into: &prevKv)
            default: try reader.skip(tag)
            }
        }
    }
}
