import NIOCore

/// Health/Check request.
public struct HealthCheckRequest: WireMessage {
    public var service: String = ""

    public init() {}

    public init(
        service: String = ""
    ) {
        self.service = service
    }
}

extension HealthCheckRequest: WireCodable {
    static var protoName: StaticString { "grpc.health.v1.HealthCheckRequest" }

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
        size += WireSize.string(1, service)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.string(1, service)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: service = try reader.string(tag, "service")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Health/Check response.
public struct HealthCheckResponse: WireMessage {
    /// A service's health. Open: numbers without a name are kept as they are.
    public struct ServingStatus: RawRepresentable, Hashable, Sendable, WireEnum {
        public static let unknown = ServingStatus(rawValue: 0)
        public static let serving = ServingStatus(rawValue: 1)
        public static let notServing = ServingStatus(rawValue: 2)
        public static let serviceUnknown = ServingStatus(rawValue: 3)

        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }
    }

    public var status: ServingStatus = .unknown

    public init() {}

    public init(
        status: ServingStatus = .unknown
    ) {
        self.status = status
    }
}

extension HealthCheckResponse: WireCodable {
    static var protoName: StaticString { "grpc.health.v1.HealthCheckResponse" }

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
        size += WireSize.enumValue(1, status)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.enumValue(1, status)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: status = try reader.enumValue(tag, "status")
            default: try reader.skip(tag)
            }
        }
    }
}
