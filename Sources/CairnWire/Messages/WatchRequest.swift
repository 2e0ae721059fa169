import NIOCore

/// One message on the client side of a Watch stream (oneof `request_union`).
public struct WatchRequest: WireMessage {
    /// The members of oneof `request_union`.
    public enum RequestUnion: Hashable, Sendable {
        case createRequest(WatchCreateRequest)
        case cancelRequest(WatchCancelRequest)
        case progressRequest(WatchProgressRequest)
    }

    /// The request; nil when the client set none.
    public var requestUnion: RequestUnion?

    public init() {}

    public init(
        requestUnion: RequestUnion? = nil
    ) {
        self.requestUnion = requestUnion
    }
}

extension WatchRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.WatchRequest" }

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
        switch requestUnion {
        case .createRequest(let value): size += WireSize.oneofMessage(1, value)
        case .cancelRequest(let value): size += WireSize.oneofMessage(2, value)
        case .progressRequest(let value): size += WireSize.oneofMessage(3, value)
        case nil: break
        }
        return size
    }

    func write(to writer: inout WireWriter) {
        switch requestUnion {
        case .createRequest(let value): writer.oneofMessage(1, value)
        case .cancelRequest(let value): writer.oneofMessage(2, value)
        case .progressRequest(let value): writer.oneofMessage(3, value)
        case nil: break
        }
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1:
                var value = WatchCreateRequest()
                if case .createRequest(let existing) = requestUnion {
                    value = existing
                    requestUnion = nil
                }
                try reader.message(tag, "create_request", into: &value)
                requestUnion = .createRequest(value)
            case 2:
                var value = WatchCancelRequest()
                if case .cancelRequest(let existing) = requestUnion {
                    value = existing
                    requestUnion = nil
                }
                try reader.message(tag, "cancel_request", into: &value)
                requestUnion = .cancelRequest(value)
            case 3:
                var value = WatchProgressRequest()
                if case .progressRequest(let existing) = requestUnion {
                    value = existing
                    requestUnion = nil
                }
                try reader.message(tag, "progress_request", into: &value)
                requestUnion = .progressRequest(value)
            default: try reader.skip(tag)
            }
        }
    }
}

/// Starts a watcher on a key or range.
public struct WatchCreateRequest: WireMessage {
    /// An event kind a watcher asks to leave out. Open: numbers without a name are kept as they are.
    public struct FilterType: RawRepresentable, Hashable, Sendable, WireEnum {
        public static let noPut = FilterType(rawValue: 0)
        public static let noDelete = FilterType(rawValue: 1)

        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }
    }

    public var key: [UInt8] = []
    public var rangeEnd: [UInt8] = []
    public var startRevision: Int64 = 0
    public var progressNotify: Bool = false
    public var filters: [FilterType] = []
    public var prevKv: Bool = false
    public var watchID: Int64 = 0
    public var fragment: Bool = false

    public init() {}

    public init(
        key: [UInt8] = [],
        rangeEnd: [UInt8] = [],
        startRevision: Int64 = 0,
        progressNotify: Bool = false,
        filters: [FilterType] = [],
        prevKv: Bool = false,
        watchID: Int64 = 0,
        fragment: Bool = false
    ) {
        self.key = key
        self.rangeEnd = rangeEnd
        self.startRevision = startRevision
        self.progressNotify = progressNotify
        self.filters = filters
        self.prevKv = prevKv
        self.watchID = watchID
        self.fragment = fragment
    }
}

extension WatchCreateRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.WatchCreateRequest" }

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
        size += WireSize.int64(3, startRevision)
        size += WireSize.bool(4, progressNotify)
        size += WireSize.packedEnums(5, filters)
        size += WireSize.bool(6, prevKv)
        size += WireSize.int64(7, watchID)
        size += WireSize.bool(8, fragment)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.bytes(1, key)
        writer.bytes(2, rangeEnd)
        writer.int64(3, startRevision)
        writer.bool(4, progressNotify)
        writer.packedEnums(5, filters)
        writer.bool(6, prevKv)
        writer.int64(7, watchID)
        writer.bool(8, fragment)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: key = try reader.bytes(tag, "key")
            case 2: rangeEnd = try reader.bytes(tag, "range_end")
            case 3: startRevision = try reader.int64(tag, "start_revision")
            case 4: progressNotify = try reader.bool(tag, "progress_notify")
            case 5: try reader.appendEnums(tag, "filters", to: &filters)
            case 6: prevKv = try reader.bool(tag, "prev_kv")
            case 7: watchID = try reader.int64(tag, "watch_id")
            case 8: fragment = try reader.bool(tag, "fragment")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Stops a watcher.
public struct WatchCancelRequest: WireMessage {
    public var watchID: Int64 = 0

    public init() {}

    public init(
        watchID: Int64 = 0
    ) {
        self.watchID = watchID
    }
}

extension WatchCancelRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.WatchCancelRequest" }

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
        size += WireSize.int64(1, watchID)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.int64(1, watchID)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: watchID = try reader.int64(tag, "watch_id")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Asks for a progress notification.
public struct WatchProgressRequest: WireMessage {
    public init() {}
}

extension WatchProgressRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.WatchProgressRequest" }

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
