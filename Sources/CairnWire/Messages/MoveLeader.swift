import NIOCore

/// Maintenance/MoveLeader request.
public struct MoveLeaderRequest: WireMessage {
    public var targetID: UInt64 = 0

    public init() {}

    public init(
        targetID: UInt64 = 0
    ) {
        self.targetID = targetID
    }
}

extension MoveLeaderRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.MoveLeaderRequest" }

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
        size += WireSize.uint64(1, targetID)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.uint64(1, targetID)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: targetID = try reader.uint64(tag, "targetID")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Maintenance/MoveLeader response.
public struct MoveLeaderResponse: WireMessage {
    public var header: ResponseHeader? = nil

    public init() {}

    public init(
        header: ResponseHeader? = nil
    ) {
        self.header = header
    }
}

extension MoveLeaderResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.MoveLeaderResponse" }

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
