import NIOCore

/// A transaction guard: compares one attribute of a key (or of every key in a range).
public struct Compare: WireMessage {
    /// The relation a compare checks. Open: numbers without a name are kept as they are.
    public struct CompareResult: RawRepresentable, Hashable, Sendable, WireEnum {
        public static let equal = CompareResult(rawValue: 0)
        public static let greater = CompareResult(rawValue: 1)
        public static let less = CompareResult(rawValue: 2)
        public static let notEqual = CompareResult(rawValue: 3)

        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }
    }

    /// The key attribute a compare checks. Open: numbers without a name are kept as they are.
    public struct CompareTarget: RawRepresentable, Hashable, Sendable, WireEnum {
        public static let version = CompareTarget(rawValue: 0)
        public static let create = CompareTarget(rawValue: 1)
        public static let mod = CompareTarget(rawValue: 2)
        public static let value = CompareTarget(rawValue: 3)
        public static let lease = CompareTarget(rawValue: 4)

        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }
    }

    /// The members of oneof `target_union`.
    public enum TargetUnion: Hashable, Sendable {
        case version(Int64)
        case createRevision(Int64)
        case modRevision(Int64)
        case value([UInt8])
        case lease(Int64)
    }

    public var result: CompareResult = .equal
    public var target: CompareTarget = .version
    public var key: [UInt8] = []
    /// The value compared against. Present even when zero: `.modRevision(0)` is not nil.
    public var targetUnion: TargetUnion?
    public var rangeEnd: [UInt8] = []

    public init() {}

    public init(
        result: CompareResult = .equal,
        target: CompareTarget = .version,
        key: [UInt8] = [],
        targetUnion: TargetUnion? = nil,
        rangeEnd: [UInt8] = []
    ) {
        self.result = result
        self.target = target
        self.key = key
        self.targetUnion = targetUnion
        self.rangeEnd = rangeEnd
    }
}

extension Compare: WireCodable {
    static var protoName: StaticString { "etcdserverpb.Compare" }

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
        size += WireSize.enumValue(1, result)
        size += WireSize.enumValue(2, target)
        size += WireSize.bytes(3, key)
        switch targetUnion {
        case .version(let value): size += WireSize.oneofInt64(4, value)
        case .createRevision(let value): size += WireSize.oneofInt64(5, value)
        case .modRevision(let value): size += WireSize.oneofInt64(6, value)
        case .value(let value): size += WireSize.oneofBytes(7, value)
        case .lease(let value): size += WireSize.oneofInt64(8, value)
        case nil: break
        }
        size += WireSize.bytes(64, rangeEnd)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.enumValue(1, result)
        writer.enumValue(2, target)
        writer.bytes(3, key)
        switch targetUnion {
        case .version(let value): writer.oneofInt64(4, value)
        case .createRevision(let value): writer.oneofInt64(5, value)
        case .modRevision(let value): writer.oneofInt64(6, value)
        case .value(let value): writer.oneofBytes(7, value)
        case .lease(let value): writer.oneofInt64(8, value)
        case nil: break
        }
        writer.bytes(64, rangeEnd)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: result = try reader.enumValue(tag, "result")
            case 2: target = try reader.enumValue(tag, "target")
            case 3: key = try reader.bytes(tag, "key")
            case 4:
                targetUnion = .version(try reader.int64(tag, "version"))
            case 5:
                targetUnion = .createRevision(try reader.int64(tag, "create_revision"))
            case 6:
                targetUnion = .modRevision(try reader.int64(tag, "mod_revision"))
            case 7:
                targetUnion = .value(try reader.bytes(tag, "value"))
            case 8:
                targetUnion = .lease(try reader.int64(tag, "lease"))
            case 64: rangeEnd = try reader.bytes(tag, "range_end")
            default: try reader.skip(tag)
            }
        }
    }
}
