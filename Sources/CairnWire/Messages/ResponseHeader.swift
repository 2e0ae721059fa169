import NIOCore

/// The header every etcd response carries: which cluster and member answered, at which revision and term.
public struct ResponseHeader: WireMessage {
    public var clusterID: UInt64 = 0
    public var memberID: UInt64 = 0
    public var revision: Int64 = 0
    public var raftTerm: UInt64 = 0

    public init() {}

    public init(
        clusterID: UInt64 = 0,
        memberID: UInt64 = 0,
        revision: Int64 = 0,
        raftTerm: UInt64 = 0
    ) {
        self.clusterID = clusterID
        self.memberID = memberID
        self.revision = revision
        self.raftTerm = raftTerm
    }
}

extension ResponseHeader: WireCodable {
    static var protoName: StaticString { "etcdserverpb.ResponseHeader" }

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
        size += WireSize.uint64(1, clusterID)
        size += WireSize.uint64(2, memberID)
        size += WireSize.int64(3, revision)
        size += WireSize.uint64(4, raftTerm)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.uint64(1, clusterID)
        writer.uint64(2, memberID)
        writer.int64(3, revision)
        writer.uint64(4, raftTerm)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: clusterID = try reader.uint64(tag, "cluster_id")
            case 2: memberID = try reader.uint64(tag, "member_id")
            case 3: revision = try reader.int64(tag, "revision")
            case 4: raftTerm = try reader.uint64(tag, "raft_term")
            default: try reader.skip(tag)
            }
        }
    }
}
