import NIOCore

/// KV/DeleteRange request.
public struct DeleteRangeRequest: WireMessage {
    public var key: [UInt8] = []
    public var rangeEnd: [UInt8] = []
    public var prevKv: Bool = false

    public init() {}

    public init(
        key: [UInt8] = [],
        rangeEnd: [UInt8] = [],
        prevKv: Bool = false
    ) {
        self.key = key
        self.rangeEnd = rangeEnd
        self.prevKv = prevKv
    }
}

extension DeleteRangeRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.DeleteRangeRequest" }

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
        size += WireSize.bytes(2, rangeEnd)
        size += WireSize.bool(3, prevKv)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.bytes(1, key)
        writer.bytes(2, rangeEnd)
        writer.bool(3, prevKv)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: key = try reader.bytes(tag, "key")
            case 2: rangeEnd = try reader.bytes(tag, "range_end")
            case 3: prevKv = try reader.bool(tag, "prev_kv")
            default: try reader.skip(tag)
            }
        }
    }
}

/// KV/DeleteRange response.
public struct DeleteRangeResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var deleted: Int64 = 0
    public var prevKvs: [KeyValue] = []

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        deleted: Int64 = 0,
        prevKvs: [KeyValue] = []
    ) {
        self.header = header
        self.deleted = deleted
        self.prevKvs = prevKvs
    }
}

extension DeleteRangeResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.DeleteRangeResponse" }

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
        size += WireSize.int64(2, deleted)
        size += WireSize.messages(3, prevKvs)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.int64(2, deleted)
        writer.messages(3, prevKvs)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: deleted = try reader.int64(tag, "deleted")
            case 3: try reader.appendMessage(tag, "prev_kvs", to: &prevKvs)
            default: try reader.skip(tag)
            }
        }
    }
}
