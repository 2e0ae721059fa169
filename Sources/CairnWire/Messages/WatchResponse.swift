import NIOCore

/// One message on the server side of a Watch stream.
public struct WatchResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var watchID: Int64 = 0
    public var created: Bool = false
    public var canceled: Bool = false
    public var compactRevision: Int64 = 0
    public var cancelReason: String = ""
    public var fragment: Bool = false
    public var events: [Event] = []

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        watchID: Int64 = 0,
        created: Bool = false,
        canceled: Bool = false,
        compactRevision: Int64 = 0,
        cancelReason: String = "",
        fragment: Bool = false,
        events: [Event] = []
    ) {
        self.header = header
        self.watchID = watchID
        self.created = created
        self.canceled = canceled
        self.compactRevision = compactRevision
        self.cancelReason = cancelReason
        self.fragment = fragment
        self.events = events
    }
}

extension WatchResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.WatchResponse" }

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
        size += WireSize.int64(2, watchID)
        size += WireSize.bool(3, created)
        size += WireSize.bool(4, canceled)
        size += WireSize.int64(5, compactRevision)
        size += WireSize.string(6, cancelReason)
        size += WireSize.bool(7, fragment)
        size += WireSize.messages(11, events)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.int64(2, watchID)
        writer.bool(3, created)
        writer.bool(4, canceled)
        writer.int64(5, compactRevision)
        writer.string(6, cancelReason)
        writer.bool(7, fragment)
        writer.messages(11, events)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: watchID = try reader.int64(tag, "watch_id")
            case 3: created = try reader.bool(tag, "created")
            case 4: canceled = try reader.bool(tag, "canceled")
            case 5: compactRevision = try reader.int64(tag, "compact_revision")
            case 6: cancelReason = try reader.string(tag, "cancel_reason")
            case 7: fragment = try reader.bool(tag, "fragment")
            case 11: try reader.appendMessage(tag, "events", to: &events)
            default: try reader.skip(tag)
            }
        }
    }
}
