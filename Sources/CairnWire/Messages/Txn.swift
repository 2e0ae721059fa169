import NIOCore

/// KV/Txn request: `success` runs when every compare holds, `failure` otherwise.
public struct TxnRequest: WireMessage {
    public var compare: [Compare] = []
    public var success: [RequestOp] = []
    public var failure: [RequestOp] = []

    public init() {}

    public init(
        compare: [Compare] = [],
        success: [RequestOp] = [],
        failure: [RequestOp] = []
    ) {
        self.compare = compare
        self.success = success
        self.failure = failure
    }
}

extension TxnRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.TxnRequest" }

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
        size += WireSize.messages(1, compare)
        size += WireSize.messages(2, success)
        size += WireSize.messages(3, failure)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.messages(1, compare)
        writer.messages(2, success)
        writer.messages(3, failure)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.appendMessage(tag, "compare", to: &compare)
            case 2: try reader.appendMessage(tag, "success", to: &success)
            case 3: try reader.appendMessage(tag, "failure", to: &failure)
            default: try reader.skip(tag)
            }
        }
    }
}

/// KV/Txn response.
public struct TxnResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var succeeded: Bool = false
    public var responses: [ResponseOp] = []

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        succeeded: Bool = false,
        responses: [ResponseOp] = []
    ) {
        self.header = header
        self.succeeded = succeeded
        self.responses = responses
    }
}

extension TxnResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.TxnResponse" }

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
        size += WireSize.bool(2, succeeded)
        size += WireSize.messages(3, responses)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.bool(2, succeeded)
        writer.messages(3, responses)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: succeeded = try reader.bool(tag, "succeeded")
            case 3: try reader.appendMessage(tag, "responses", to: &responses)
            default: try reader.skip(tag)
            }
        }
    }
}
