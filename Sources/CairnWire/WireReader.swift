/// Reads protobuf fields from a span of raw bytes, bounds-checking every step.
///
/// A reader covers one message: `position..<end` of a shared buffer. Nested messages get their own
/// reader over exactly their slice, one level deeper, so that no nested decode can read past its
/// length and recursion stops at ``WireError/maximumDepth``. Nothing here traps on malformed input.
struct WireReader {
    private let bytes: UnsafeRawBufferPointer
    private var position: Int
    private let end: Int
    /// How many messages enclose this one (0 for the top-level message).
    private let depth: Int
    /// The message being decoded, for error reports.
    private let messageName: StaticString

    init(bytes: UnsafeRawBufferPointer, messageName: StaticString) {
        self.init(bytes: bytes, range: 0..<bytes.count, depth: 0, messageName: messageName)
    }

    private init(bytes: UnsafeRawBufferPointer, range: Range<Int>, depth: Int, messageName: StaticString) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
        self.depth = depth
        self.messageName = messageName
    }

    private func failure(_ kind: WireError.Kind, _ field: StaticString?) -> WireError {
        WireError(kind, message: messageName.description, field: field?.description)
    }

    // MARK: Primitives

    @inline(__always)
    private mutating func readVarint(_ field: StaticString?) throws(WireError) -> UInt64 {
        guard position < end else { throw failure(.truncated, field) }
        let first = bytes[position]
        if first < 0x80 {
            position += 1
            return UInt64(first)
        }
        return try readLongVarint(field)
    }

    private mutating func readLongVarint(_ field: StaticString?) throws(WireError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var index = position
        while index < end {
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 {
                position = index
                return result
            }
            shift += 7
            if shift >= 70 { throw failure(.varintTooLong, field) }
        }
        throw failure(.truncated, field)
    }

    private mutating func advance(by count: Int, _ field: StaticString?) throws(WireError) {
        guard end - position >= count else { throw failure(.truncated, field) }
        position += count
    }

    /// Reads a length prefix and returns the range of the payload, which must fit in this message.
    private mutating func readLengthDelimited(_ field: StaticString?) throws(WireError) -> Range<Int> {
        let length = try readVarint(field)
        guard length <= UInt64(end - position) else { throw failure(.lengthPastEnd, field) }
        let start = position
        position += Int(length)
        return start..<position
    }

    private mutating func readTag() throws(WireError) -> WireTag {
        let key = try readVarint(nil)
        guard key <= UInt64(UInt32.max), key >> 3 != 0 else { throw failure(.invalidFieldNumber, nil) }
        let wireType = UInt8(truncatingIfNeeded: key & 7)
        guard wireType <= WireType.fixed32 else { throw failure(.invalidWireType(wireType), nil) }
        return WireTag(fieldNumber: Int(key >> 3), wireType: wireType)
    }

    @inline(__always)
    private func expect(_ tag: WireTag, _ wireType: UInt8, _ field: StaticString) throws(WireError) {
        guard tag.wireType == wireType else { throw failure(.wrongWireType(tag.wireType), field) }
    }

    // MARK: Fields

    /// The next field's key, or nil at the end of the message. A stray end-group key is an error.
    mutating func nextTag() throws(WireError) -> WireTag? {
        guard position < end else { return nil }
        let tag = try readTag()
        guard tag.wireType != WireType.endGroup else { throw failure(.unbalancedGroup, nil) }
        return tag
    }

    mutating func int64(_ tag: WireTag, _ field: StaticString) throws(WireError) -> Int64 {
        try expect(tag, WireType.varint, field)
        return Int64(bitPattern: try readVarint(field))
    }

    mutating func uint64(_ tag: WireTag, _ field: StaticString) throws(WireError) -> UInt64 {
        try expect(tag, WireType.varint, field)
        return try readVarint(field)
    }

    mutating func uint32(_ tag: WireTag, _ field: StaticString) throws(WireError) -> UInt32 {
        try expect(tag, WireType.varint, field)
        return UInt32(truncatingIfNeeded: try readVarint(field))
    }

    /// Any non-zero varint is true.
    mutating func bool(_ tag: WireTag, _ field: StaticString) throws(WireError) -> Bool {
        try expect(tag, WireType.varint, field)
        return try readVarint(field) != 0
    }

    /// Enums are open: unknown numbers are kept.
    mutating func enumValue<E: WireEnum>(_ tag: WireTag, _ field: StaticString) throws(WireError) -> E {
        try expect(tag, WireType.varint, field)
        return E(rawValue: Int32(truncatingIfNeeded: try readVarint(field)))
    }

    mutating func bytes(_ tag: WireTag, _ field: StaticString) throws(WireError) -> [UInt8] {
        try expect(tag, WireType.lengthDelimited, field)
        let range = try readLengthDelimited(field)
        return [UInt8](UnsafeRawBufferPointer(rebasing: bytes[range]))
    }

    mutating func string(_ tag: WireTag, _ field: StaticString) throws(WireError) -> String {
        try expect(tag, WireType.lengthDelimited, field)
        let raw = UnsafeRawBufferPointer(rebasing: bytes[try readLengthDelimited(field)])
        guard let string = UTF8Validation.string(from: raw) else { throw failure(.invalidUTF8, field) }
        return string
    }

    /// Decodes a nested message into `value`, merging with what it already holds.
    mutating func message<M: WireCodable>(
        _ tag: WireTag,
        _ field: StaticString,
        into value: inout M
    ) throws(WireError) {
        try expect(tag, WireType.lengthDelimited, field)
        let range = try readLengthDelimited(field)
        guard depth < WireError.maximumDepth else { throw failure(.nestingTooDeep, field) }
        var nested = WireReader(bytes: bytes, range: range, depth: depth + 1, messageName: M.protoName)
        try value.merge(from: &nested)
    }

    /// Decodes a singular message field; a repeated occurrence merges into the earlier one.
    mutating func message<M: WireCodable>(
        _ tag: WireTag,
        _ field: StaticString,
        into value: inout M?
    ) throws(WireError) {
        var current = value ?? M()
        value = nil
        try message(tag, field, into: &current)
        value = current
    }

    /// Decodes one element of a repeated message field.
    mutating func appendMessage<M: WireCodable>(
        _ tag: WireTag,
        _ field: StaticString,
        to array: inout [M]
    ) throws(WireError) {
        var element = M()
        try message(tag, field, into: &element)
        array.append(element)
    }

    mutating func appendBytes(_ tag: WireTag, _ field: StaticString, to array: inout [[UInt8]]) throws(WireError) {
        array.append(try bytes(tag, field))
    }

    mutating func appendString(_ tag: WireTag, _ field: StaticString, to array: inout [String]) throws(WireError) {
        array.append(try string(tag, field))
    }

    /// Decodes a repeated enum field, accepting both the packed and the unpacked form.
    mutating func appendEnums<E: WireEnum>(
        _ tag: WireTag,
        _ field: StaticString,
        to array: inout [E]
    ) throws(WireError) {
        switch tag.wireType {
        case WireType.varint:
            array.append(E(rawValue: Int32(truncatingIfNeeded: try readVarint(field))))
        case WireType.lengthDelimited:
            let range = try readLengthDelimited(field)
            var packed = WireReader(bytes: bytes, range: range, depth: depth, messageName: messageName)
            while packed.position < packed.end {
                array.append(E(rawValue: Int32(truncatingIfNeeded: try packed.readVarint(field))))
            }
        default:
            throw failure(.wrongWireType(tag.wireType), field)
        }
    }

    // MARK: Unknown fields

    /// Skips a field this decoder does not know, whatever its wire type.
    mutating func skip(_ tag: WireTag) throws(WireError) {
        switch tag.wireType {
        case WireType.varint: _ = try readVarint(nil)
        case WireType.fixed64: try advance(by: 8, nil)
        case WireType.lengthDelimited: _ = try readLengthDelimited(nil)
        case WireType.fixed32: try advance(by: 4, nil)
        case WireType.startGroup: try skipGroup(tag.fieldNumber, depth: depth + 1)
        default: throw failure(.unbalancedGroup, nil)
        }
    }

    /// Skips the content of a group up to and including its end-group key.
    private mutating func skipGroup(_ fieldNumber: Int, depth groupDepth: Int) throws(WireError) {
        guard groupDepth <= WireError.maximumDepth else { throw failure(.nestingTooDeep, nil) }
        while position < end {
            let tag = try readTag()
            switch tag.wireType {
            case WireType.endGroup:
                guard tag.fieldNumber == fieldNumber else { throw failure(.unbalancedGroup, nil) }
                return
            case WireType.startGroup:
                try skipGroup(tag.fieldNumber, depth: groupDepth + 1)
            default:
                try skip(tag)
            }
        }
        throw failure(.unbalancedGroup, nil)
    }
}
