import NIOCore

/// Maintenance/Hash request.
public struct HashRequest: WireMessage {
    public init() {}
}

extension HashRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.HashRequest" }

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

/// Maintenance/Hash response.
public struct HashResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var hash: UInt32 = 0

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        hash: UInt32 = 0
    ) {
        self.header = header
        self.hash = hash
    }
}

extension HashResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.HashResponse" }

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
        size += WireSize.uint32(2, hash)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.uint32(2, hash)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: hash = try reader.uint32(tag, "hash")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Maintenance/HashKV request.
public struct HashKVRequest: WireMessage {
    public var revision: Int64 = 0

    public init() {}

    public init(
        revision: Int64 = 0
    ) {
        self.revision = revision
    }
}

extension HashKVRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.HashKVRequest" }

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
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.int64(1, revision)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: revision = try reader.int64(tag, "revision")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Maintenance/HashKV response.
public struct HashKVResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var hash: UInt32 = 0
    public var compactRevision: Int64 = 0

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        hash: UInt32 = 0,
        compactRevision: Int64 = 0
    ) {
        self.header = header
        self.hash = hash
        self.compactRevision = compactRevision
    }
}

extension HashKVResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.HashKVResponse" }

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
        size += WireSize.uint32(2, hash)
        size += WireSize.int64(3, compactRevision)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.uint32(2, hash)
        writer.int64(3, compactRevision)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: hash = try reader.uint32(tag, "hash")
            case 3: compactRevision = try reader.int64(tag, "compact_revision")
            default: try reader.skip(tag)
            }
        }
    }
}
