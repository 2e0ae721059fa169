import NIOCore

/// A stored key with its value and revision bookkeeping (`mvccpb.KeyValue`).
public struct KeyValue: WireMessage {
    public var key: [UInt8] = []
    public var createRevision: Int64 = 0
    public var modRevision: Int64 = 0
    public var version: Int64 = 0
    public var value: [UInt8] = []
    public var lease: Int64 = 0

    public init() {}

    public init(
        key: [UInt8] = [],
        createRevision: Int64 = 0,
        modRevision: Int64 = 0,
        version: Int64 = 0,
        value: [UInt8] = [],
        lease: Int64 = 0
    ) {
        self.key = key
        self.createRevision = createRevision
        self.modRevision = modRevision
        self.version = version
        self.value = value
        self.lease = lease
    }
}

extension KeyValue: WireCodable {
    static var protoName: StaticString { "mvccpb.KeyValue" }

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
        size += WireSize.int64(2, createRevision)
        size += WireSize.int64(3, modRevision)
        size += WireSize.int64(4, version)
        size += WireSize.bytes(5, value)
        size += WireSize.int64(6, lease)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.bytes(1, key)
        writer.int64(2, createRevision)
        writer.int64(3, modRevision)
        writer.int64(4, version)
        writer.bytes(5, value)
        writer.int64(6, lease)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: key = try reader.bytes(tag, "key")
            case 2: createRevision = try reader.int64(tag, "create_revision")
            case 3: modRevision = try reader.int64(tag, "mod_revision")
            case 4: version = try reader.int64(tag, "version")
            case 5: value = try reader.bytes(tag, "value")
            case 6: lease = try reader.int64(tag, "lease")
            default: try reader.skip(tag)
            }
        }
    }
}
