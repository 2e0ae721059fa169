import NIOCore

/// Lease/LeaseLeases request.
public struct LeaseLeasesRequest: WireMessage {
    public init() {}
}

extension LeaseLeasesRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseLeasesRequest" }

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

/// One lease in a LeaseLeases response.
public struct LeaseStatus: WireMessage {
    public var id: Int64 = 0

    public init() {}

    public init(
        id: Int64 = 0
    ) {
        self.id = id
    }
}

extension LeaseStatus: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseStatus" }

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
        size += WireSize.int64(1, id)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.int64(1, id)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: id = try reader.int64(tag, "ID")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Lease/LeaseLeases response.
public struct LeaseLeasesResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var leases: [LeaseStatus] = []

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        leases: [LeaseStatus] = []
    ) {
        self.header = header
        self.leases = leases
    }
}

extension LeaseLeasesResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.LeaseLeasesResponse" }

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
        size += WireSize.messages(2, leases)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.messages(2, leases)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: try reader.appendMessage(tag, "leases", to: &leases)
            default: try reader.skip(tag)
            }
        }
    }
}
