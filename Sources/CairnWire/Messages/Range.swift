import NIOCore

/// KV/Range request: read a key or a key range.
public struct RangeRequest: WireMessage {
    /// The order of a range result. Open: numbers without a name are kept as they are.
    public struct SortOrder: RawRepresentable, Hashable, Sendable, WireEnum {
        public static let none = SortOrder(rawValue: 0)
        public static let ascend = SortOrder(rawValue: 1)
        public static let descend = SortOrder(rawValue: 2)

        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }
    }

    /// The field a range result is sorted by. Open: numbers without a name are kept as they are.
    public struct SortTarget: RawRepresentable, Hashable, Sendable, WireEnum {
        public static let key = SortTarget(rawValue: 0)
        public static let version = SortTarget(rawValue: 1)
        public static let create = SortTarget(rawValue: 2)
        public static let mod = SortTarget(rawValue: 3)
        public static let value = SortTarget(rawValue: 4)

        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }
    }

    public var key: [UInt8] = []
    public var rangeEnd: [UInt8] = []
    public var limit: Int64 = 0
    public var revision: Int64 = 0
    public var sortOrder: SortOrder = .none
    public var sortTarget: SortTarget = .key
    public var serializable: Bool = false
    public var keysOnly: Bool = false
    public var countOnly: Bool = false
    public var minModRevision: Int64 = 0
    public var maxModRevision: Int64 = 0
    public var minCreateRevision: Int64 = 0
    public var maxCreateRevision: Int64 = 0

    public init() {}

    public init(
        key: [UInt8] = [],
        rangeEnd: [UInt8] = [],
        limit: Int64 = 0,
        revision: Int64 = 0,
        sortOrder: SortOrder = .none,
        sortTarget: SortTarget = .key,
        serializable: Bool = false,
        keysOnly: Bool = false,
        countOnly: Bool = false,
        minModRevision: Int64 = 0,
        maxModRevision: Int64 = 0,
        minCreateRevision: Int64 = 0,
        maxCreateRevision: Int64 = 0
    ) {
        self.key = key
        self.rangeEnd = rangeEnd
        self.limit = limit
        self.revision = revision
        self.sortOrder = sortOrder
        self.sortTarget = sortTarget
        self.serializable = serializable
        self.keysOnly = keysOnly
        self.countOnly = countOnly
        self.minModRevision = minModRevision
        self.maxModRevision = maxModRevision
        self.minCreateRevision = minCreateRevision
        self.maxCreateRevision = maxCreateRevision
    }
}

extension RangeRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.RangeRequest" }

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
        size += WireSize.int64(3, limit)
        size += WireSize.int64(4, revision)
        size += WireSize.enumValue(5, sortOrder)
        size += WireSize.enumValue(6, sortTarget)
        size += WireSize.bool(7, serializable)
        size += WireSize.bool(8, keysOnly)
        size += WireSize.bool(9, countOnly)
        size += WireSize.int64(10, minModRevision)
        size += WireSize.int64(11, maxModRevision)
        size += WireSize.int64(12, minCreateRevision)
        size += WireSize.int64(13, maxCreateRevision)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.bytes(1, key)
        writer.bytes(2, rangeEnd)
        writer.int64(3, limit)
        writer.int64(4, revision)
        writer.enumValue(5, sortOrder)
        writer.enumValue(6, sortTarget)
        writer.bool(7, serializable)
        writer.bool(8, keysOnly)
        writer.bool(9, countOnly)
        writer.int64(10, minModRevision)
        writer.int64(11, maxModRevision)
        writer.int64(12, minCreateRevision)
        writer.int64(13, maxCreateRevision)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: key = try reader.bytes(tag, "key")
            case 2: rangeEnd = try reader.bytes(tag, "range_end")
            case 3: limit = try reader.int64(tag, "limit")
            case 4: revision = try reader.int64(tag, "revision")
            case 5: sortOrder = try reader.enumValue(tag, "sort_order")
            case 6: sortTarget = try reader.enumValue(tag, "sort_target")
            case 7: serializable = try reader.bool(tag, "serializable")
            case 8: keysOnly = try reader.bool(tag, "keys_only")
            case 9: countOnly = try reader.bool(tag, "count_only")
            case 10: minModRevision = try reader.int64(tag, "min_mod_revision")
            case 11: maxModRevision = try reader.int64(tag, "max_mod_revision")
            case 12: minCreateRevision = try reader.int64(tag, "min_create_revision")
            case 13: maxCreateRevision = try reader.int64(tag, "max_create_revision")
            default: try reader.skip(tag)
            }
        }
    }
}

/// KV/Range response.
public struct RangeResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var kvs: [KeyValue] = []
    public var more: Bool = false
    public var count: Int64 = 0

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        kvs: [KeyValue] = [],
        more: Bool = false,
        count: Int64 = 0
    ) {
        self.header = header
        self.kvs = kvs
        self.more = more
        self.count = count
    }
}

extension RangeResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.RangeResponse" }

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
        size += WireSize.messages(2, kvs)
        size += WireSize.bool(3, more)
        size += WireSize.int64(4, count)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.messages(2, kvs)
        writer.bool(3, more)
        writer.int64(4, count)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: try reader.appendMessage(tag, "kvs", to: &kvs)
            case 3: more = try reader.bool(tag, "more")
            case 4: count = try reader.int64(tag, "count")
            default: try reader.skip(tag)
            }
        }
    }
}
