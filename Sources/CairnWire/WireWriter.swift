/// Writes protobuf fields into memory reserved for exactly the message's precomputed size.
///
/// Fields holding their proto3 default are left out; oneof members are written even when zero.
/// Callers size the region with ``WireSize``/``WireCodable/encodedSize`` first, so no write here
/// needs to grow or copy anything.
struct WireWriter {
    private let base: UnsafeMutableRawBufferPointer
    private(set) var position = 0

    init(_ base: UnsafeMutableRawBufferPointer) {
        self.base = base
    }

    // MARK: Primitives

    @inline(__always)
    private mutating func writeByte(_ byte: UInt8) {
        base[position] = byte
        position += 1
    }

    @inline(__always)
    private mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            writeByte(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        writeByte(UInt8(truncatingIfNeeded: rest))
    }

    @inline(__always)
    private mutating func writeKey(_ field: Int, _ wireType: UInt8) {
        writeVarint(UInt64(truncatingIfNeeded: field) << 3 | UInt64(wireType))
    }

    private mutating func writeRaw(_ raw: UnsafeRawBufferPointer) {
        guard let source = raw.baseAddress, let destination = base.baseAddress, raw.count > 0 else { return }
        precondition(base.count - position >= raw.count, "encoded size mismatch")
        (destination + position).copyMemory(from: source, byteCount: raw.count)
        position += raw.count
    }

    private mutating func writeLengthDelimited(_ field: Int, _ value: [UInt8]) {
        writeKey(field, WireType.lengthDelimited)
        writeVarint(UInt64(value.count))
        value.withUnsafeBytes { writeRaw($0) }
    }

    private mutating func writeLengthDelimited(_ field: Int, _ value: String) {
        writeKey(field, WireType.lengthDelimited)
        var copy = value
        copy.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            writeRaw(UnsafeRawBufferPointer(utf8))
        }
    }

    private mutating func writeNested<M: WireCodable>(_ field: Int, _ value: M) {
        writeKey(field, WireType.lengthDelimited)
        writeVarint(UInt64(value.encodedSize))
        value.write(to: &self)
    }

    // MARK: Fields

    mutating func int64(_ field: Int, _ value: Int64) {
        guard value != 0 else { return }
        writeKey(field, WireType.varint)
        writeVarint(UInt64(bitPattern: value))
    }

    mutating func uint64(_ field: Int, _ value: UInt64) {
        guard value != 0 else { return }
        writeKey(field, WireType.varint)
        writeVarint(value)
    }

    mutating func uint32(_ field: Int, _ value: UInt32) {
        guard value != 0 else { return }
        writeKey(field, WireType.varint)
        writeVarint(UInt64(value))
    }

    mutating func bool(_ field: Int, _ value: Bool) {
        guard value else { return }
        writeKey(field, WireType.varint)
        writeByte(1)
    }

    /// Enums are int32 on the wire: negative numbers are sign-extended to 10 bytes.
    mutating func enumValue<E: WireEnum>(_ field: Int, _ value: E) {
        guard value.rawValue != 0 else { return }
        writeKey(field, WireType.varint)
        writeVarint(UInt64(bitPattern: Int64(value.rawValue)))
    }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        guard !value.isEmpty else { return }
        writeLengthDelimited(field, value)
    }

    mutating func string(_ field: Int, _ value: String) {
        guard !value.isEmpty else { return }
        writeLengthDelimited(field, value)
    }

    mutating func message<M: WireCodable>(_ field: Int, _ value: M?) {
        guard let value else { return }
        writeNested(field, value)
    }

    mutating func messages<M: WireCodable>(_ field: Int, _ values: [M]) {
        for value in values {
            writeNested(field, value)
        }
    }

    mutating func repeatedBytes(_ field: Int, _ values: [[UInt8]]) {
        for value in values {
            writeLengthDelimited(field, value)
        }
    }

    mutating func repeatedStrings(_ field: Int, _ values: [String]) {
        for value in values {
            writeLengthDelimited(field, value)
        }
    }

    mutating func packedEnums<E: WireEnum>(_ field: Int, _ values: [E]) {
        guard !values.isEmpty else { return }
        writeKey(field, WireType.lengthDelimited)
        writeVarint(UInt64(WireSize.packedEnumsPayload(values)))
        for value in values {
            writeVarint(UInt64(bitPattern: Int64(value.rawValue)))
        }
    }

    mutating func oneofInt64(_ field: Int, _ value: Int64) {
        writeKey(field, WireType.varint)
        writeVarint(UInt64(bitPattern: value))
    }

    mutating func oneofBytes(_ field: Int, _ value: [UInt8]) {
        writeLengthDelimited(field, value)
    }

    mutating func oneofMessage<M: WireCodable>(_ field: Int, _ value: M) {
        writeNested(field, value)
    }
}
