import NIOCore

/// One change delivered to a watcher (`mvccpb.Event`).
public struct Event: WireMessage {
    /// The kind of change a watch event reports. Open: numbers without a name are kept as they are.
    public struct EventType: RawRepresentable, Hashable, Sendable, WireEnum {
        public static let put = EventType(rawValue: 0)
        public static let delete = EventType(rawValue: 1)

        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }
    }

    public var type: EventType = .put
    public var kv: KeyValue? = nil
    public var prevKv: KeyValue? = nil

    public init() {}

    public init(
        type: EventType = .put,
        kv: KeyValue? = nil,
        prevKv: KeyValue? = nil
    ) {
        self.type = type
        self.kv = kv
        self.prevKv = prevKv
    }
}

extension Event: WireCodable {
    static var protoName: StaticString { "mvccpb.Event" }

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
        size += WireSize.enumValue(1, type)
        size += WireSize.message(2, kv)
        size += WireSize.message(3, prevKv)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.enumValue(1, type)
        writer.message(2, kv)
        writer.message(3, prevKv)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: type = try reader.enumValue(tag, "type")
            case 2: try reader.message(tag, "kv", into: &kv)
            case 3: try reader.message(tag, "prev_kv", into: &prevKv)
            default: try reader.skip(tag)
            }
        }
    }
}
