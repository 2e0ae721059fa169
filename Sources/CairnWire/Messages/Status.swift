import NIOCore

/// Maintenance/Status request.
public struct StatusRequest: WireMessage {
    public init() {}
}

extension StatusRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.StatusRequest" }

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

/// Maintenance/Status response.
public struct StatusResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var version: String = ""
    public var dbSize: Int64 = 0
    public var leader: UInt64 = 0
    public var raftIndex: UInt64 = 0
    public var raftTerm: UInt64 = 0
    public var raftAppliedIndex: UInt64 = 0
    public var errors: [String] = []
    public var dbSizeInUse: Int64 = 0
    public var isLearner: Bool = false

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        version: String = "",
        dbSize: Int64 = 0,
        leader: UInt64 = 0,
        raftIndex: UInt64 = 0,
        raftTerm: UInt64 = 0,
        raftAppliedIndex: UInt64 = 0,
        errors: [String] = [],
        dbSizeInUse: Int64 = 0,
        isLearner: Bool = false
    ) {
        self.header = header
        self.version = version
        self.dbSize = dbSize
        self.leader = leader
        self.raftIndex = raftIndex
        self.raftTerm = raftTerm
        self.raftAppliedIndex = raftAppliedIndex
        self.errors = errors
        self.dbSizeInUse = dbSizeInUse
        self.isLearner = isLearner
    }
}

extension StatusResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.StatusResponse" }

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
        size += WireSize.string(2, version)
        size += WireSize.int64(3, dbSize)
        size += WireSize.uint64(4, leader)
        size += WireSize.uint64(5, raftIndex)
        size += WireSize.uint64(6, raftTerm)
        size += WireSize.uint64(7, raftAppliedIndex)
        size += WireSize.repeatedStrings(8, errors)
        size += WireSize.int64(9, dbSizeInUse)
        size += WireSize.bool(10, isLearner)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.string(2, version)
        writer.int64(3, dbSize)
        writer.uint64(4, leader)
        writer.uint64(5, raftIndex)
        writer.uint64(6, raftTerm)
        writer.uint64(7, raftAppliedIndex)
        writer.repeatedStrings(8, errors)
        writer.int64(9, dbSizeInUse)
        writer.bool(10, isLearner)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: version = try reader.string(tag, "version")
            case 3: dbSize = try reader.int64(tag, "dbSize")
            case 4: leader = try reader.uint64(tag, "leader")
            case 5: raftIndex = try reader.uint64(tag, "raftIndex")
            case 6: raftTerm = try reader.uint64(tag, "raftTerm")
            case 7: raftAppliedIndex = try reader.uint64(tag, "raftAppliedIndex")
            case 8: try reader.appendString(tag, "errors", to: &errors)
            case 9: dbSizeInUse = try reader.int64(tag, "dbSizeInUse")
            case 10: isLearner = try reader.bool(tag, "isLearner")
            default: try reader.skip(tag)
            }
        }
    }
}
