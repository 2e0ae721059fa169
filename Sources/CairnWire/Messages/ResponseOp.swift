import NIOCore

/// The result of one transaction operation (oneof `response`).
public struct ResponseOp: WireMessage {
    /// The members of oneof `response`.
    public indirect enum Response: Hashable, Sendable {
        case range(RangeResponse)
        case put(PutResponse)
        case deleteRange(DeleteRangeResponse)
        case txn(TxnResponse)
    }

    /// The result; nil when none was set.
    public var response: Response?

    public init() {}

    public init(
        response: Response? = nil
    ) {
        self.response = response
    }
}

extension ResponseOp: WireCodable {
    static var protoName: StaticString { "etcdserverpb.ResponseOp" }

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
        switch response {
        case .range(let value): size += WireSize.oneofMessage(1, value)
        case .put(let value): size += WireSize.oneofMessage(2, value)
        case .deleteRange(let value): size += WireSize.oneofMessage(3, value)
        case .txn(let value): size += WireSize.oneofMessage(4, value)
        case nil: break
        }
        return size
    }

    func write(to writer: inout WireWriter) {
        switch response {
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
                var value = RangeResponse()
                if case .range(let existing) = response {
                    value = existing
                    response = nil
                }
                try reader.message(tag, "response_range", into: &value)
                response = .range(value)
            case 2:
                var value = PutResponse()
                if case .put(let existing) = response {
                    value = existing
                    response = nil
                }
                try reader.message(tag, "response_put", into: &value)
                response = .put(value)
            case 3:
                var value = DeleteRangeResponse()
                if case .deleteRange(let existing) = response {
                    value = existing
                    response = nil
                }
                try reader.message(tag, "response_delete_range", into: &value)
                response = .deleteRange(value)
            case 4:
                var value = TxnResponse()
                if case .txn(let existing) = response {
                    value = existing
                    response = nil
                }
                try reader.message(tag, "response_txn", into: &value)
                response = .txn(value)
            default: try reader.skip(tag)
            }
        }
    }
}
