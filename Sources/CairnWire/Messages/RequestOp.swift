import NIOCore

/// One operation of a transaction branch (oneof `request`).
public struct RequestOp: WireMessage {
    /// The members of oneof `request`.
    public indirect enum Request: Hashable, Sendable {
        case range(RangeRequest)
        case put(PutRequest)
        case deleteRange(DeleteRangeRequest)
        case txn(TxnRequest)
    }

    /// The operation; nil when the client set none.
    public var request: Request?

    public init() {}

    public init(
        request: Request? = nil
    ) {
        self.request = request
    }
}

extension RequestOp: WireCodable {
    static var protoName: StaticString { "etcdserverpb.RequestOp" }

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
        switch request {
        case .range(let value): size += WireSize.oneofMessage(1, value)
        case .put(let value): size += WireSize.oneofMessage(2, value)
        case .deleteRange(let value): size += WireSize.oneofMessage(3, value)
        case .txn(let value): size += WireSize.oneofMessage(4, value)
        case nil: break
        }
        return size
    }

    func write(to writer: inout WireWriter) {
        switch request {
        case .range(let value): writer.oneofMessage(1, value)
        case .put(let value): writer.oneofMessage(2, value)
        case .deleteRange(let value): writer.oneofMessage(3, value)
        case .txn(let value): writer.oneofMessage(4, value)
        case nil: break
        }
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1:
                var value = RangeRequest()
                if case .range(let existing) = request {
                    value = existing
                    request = nil
                }
                try reader.message(tag, "request_range", into: &value)
                request = .range(value)
            case 2:
                var value = PutRequest()
                if case .put(let existing) = request {
                    value = existing
                    request = nil
                }
                try reader.message(tag, "request_put", into: &value)
                request = .put(value)
            case 3:
                var value = DeleteRangeRequest()
                if case .deleteRange(let existing) = request {
                    value = existing
                    request = nil
                }
                try reader.message(tag, "request_delete_range", into: &value)
                request = .deleteRange(value)
            case 4:
                var value = TxnRequest()
                if case .txn(let existing) = request {
                    value = existing
                    request = nil
                }
                try reader.message(tag, "request_txn", into: &value)
                request = .txn(value)
            default: try reader.skip(tag)
            }
        }
    }
}
