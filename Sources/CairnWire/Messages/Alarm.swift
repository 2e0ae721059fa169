import NIOCore

/// Maintenance/Alarm request.
public struct AlarmRequest: WireMessage {
    /// What an alarm request does. Open: numbers without a name are kept as they are.
    public struct AlarmAction: RawRepresentable, Hashable, Sendable, WireEnum {
        public static let get = AlarmAction(rawValue: 0)
        public static let activate = AlarmAction(rawValue: 1)
        public static let deactivate = AlarmAction(rawValue: 2)

        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }
    }

    public var action: AlarmAction = .get
    public var memberID: UInt64 = 0
    public var alarm: AlarmType = .none

    public init() {}

    public init(
        action: AlarmAction = .get,
        memberID: UInt64 = 0,
        alarm: AlarmType = .none
    ) {
        self.action = action
        self.memberID = memberID
        self.alarm = alarm
    }
}

extension AlarmRequest: WireCodable {
    static var protoName: StaticString { "etcdserverpb.AlarmRequest" }

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
        size += WireSize.enumValue(1, action)
        size += WireSize.uint64(2, memberID)
        size += WireSize.enumValue(3, alarm)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.enumValue(1, action)
        writer.uint64(2, memberID)
        writer.enumValue(3, alarm)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: action = try reader.enumValue(tag, "action")
            case 2: memberID = try reader.uint64(tag, "memberID")
            case 3: alarm = try reader.enumValue(tag, "alarm")
            default: try reader.skip(tag)
            }
        }
    }
}

/// An alarm raised by a member.
public struct AlarmMember: WireMessage {
    public var memberID: UInt64 = 0
    public var alarm: AlarmType = .none

    public init() {}

    public init(
        memberID: UInt64 = 0,
        alarm: AlarmType = .none
    ) {
        self.memberID = memberID
        self.alarm = alarm
    }
}

extension AlarmMember: WireCodable {
    static var protoName: StaticString { "etcdserverpb.AlarmMember" }

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
        size += WireSize.uint64(1, memberID)
        size += WireSize.enumValue(2, alarm)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.uint64(1, memberID)
        writer.enumValue(2, alarm)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: memberID = try reader.uint64(tag, "memberID")
            case 2: alarm = try reader.enumValue(tag, "alarm")
            default: try reader.skip(tag)
            }
        }
    }
}

/// Maintenance/Alarm response.
public struct AlarmResponse: WireMessage {
    public var header: ResponseHeader? = nil
    public var alarms: [AlarmMember] = []

    public init() {}

    public init(
        header: ResponseHeader? = nil,
        alarms: [AlarmMember] = []
    ) {
        self.header = header
        self.alarms = alarms
    }
}

extension AlarmResponse: WireCodable {
    static var protoName: StaticString { "etcdserverpb.AlarmResponse" }

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
        size += WireSize.messages(2, alarms)
        return size
    }

    func write(to writer: inout WireWriter) {
        writer.message(1, header)
        writer.messages(2, alarms)
    }

    mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.message(tag, "header", into: &header)
            case 2: try reader.appendMessage(tag, "alarms", to: &alarms)
            default: try reader.skip(tag)
            }
        }
    }
}

/// The kind of an alarm. Open: numbers without a name are kept as they are.
public struct AlarmType: RawRepresentable, Hashable, Sendable, WireEnum {
    public static let none = AlarmType(rawValue: 0)
    public static let nospace = AlarmType(rawValue: 1)
    public static let corrupt = AlarmType(rawValue: 2)

    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }
}
