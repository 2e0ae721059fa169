import NIOCore

/// A cluster member.
public struct Member: WireMessage {
    public var id: UInt64 = 0
    public var name: String = ""
    public var peerURLs: [String] = []
    public var clientURLs: [String] = []
    public var isLearner: Bool = false

    public init() {}

    public init(
        id: UInt64 = 0,
        name: String = "",
        peerURLs: [String] = [],
        clientURLs: [String] = [],
        isLearner: Bool = false
    ) {
        self.id = id
        self.name = name
        self.peerURLs = peerURLs
        self.clientURLs = clientURLs
        self.isLearner = isLearner
    }
}

extension Member: WireCodable {
    static var protoName: StaticString { "etcdserverpb.Member" }

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
        size += WireSize.uint64(1, id)
        size += WireSize.string(2, name)
        size += WireSize.repeatedStrings(3, peerURLs)
        size += WireSize.repeatedStrings(4, clientURLs)
        size += WireSize.bool(5, isLearner)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.uint64(1, id)
        writer.string(2, name)
        writer.repeatedStrings(3, peerURLs)
        writer.repeatedStrings(4, clientURLs)
        writer.bool(5, isLearner)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: id = try reader.uint64(tag, "ID")
            case 2: name = try reader.string(tag, "name")
            case 3: try reader.appendString(tag, "peerURLs", to: &peerURLs)
            case 4: try reader.appendString(tag, "clientURLs", to: &clientURLs)
            case 5: isLearner = try reader.bool(tag, "isLearner")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Cluster/MemberList request.
public struct MemberListRequest: WireMessage {
    public var linearizable: Bool = false

    public init() {}

    public init(
        linearizable: Bool = false
    ) {
        self.linearizable = linearizable
    }
}

extension MemberListRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.MemberListRequest" }

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
        size += WireSize.bool(1, linearizable)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.bool(1, linearizable)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: linearizable = try reader.bool(tag, "linearizable")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Cluster/MemberList response.
public struct MemberListResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var members: [Member] = []

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        members: [Member] = []
    ) {
        self.header = header
        self.members = members
    }
}

extension MemberListResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.MemberListResponse" }

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
        size += WireSize.messages(2, members)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.messages(2, members)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: try reader.appendMessage(tag, "members", to: &members)
            default: try reader.skip(tag)
            }
        }
    }
}
