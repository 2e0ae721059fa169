/// Little-endian fixed-width encoding for the store's log records and snapshots.
struct ByteEncoder {
    var bytes: [UInt8] = []

    mutating func append(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func append(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Int32) {
        append(UInt32(bitPattern: value))
    }

    mutating func append(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A length-prefixed byte string.
    mutating func append(bytes value: [UInt8]) {
        append(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// A length-prefixed byte string, from borrowed storage.
    mutating func append(bytes value: UnsafeBufferPointer<UInt8>) {
        append(UInt32(value.count))
        bytes.append(contentsOf: value)
    }
}

/// Reads what `ByteEncoder` wrote, failing on truncation. Reads borrowed bytes in place (a mapped
/// snapshot, a log record's array), so it lives only as long as the call that lent them.
struct ByteDecoder {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    @inline(__always)
    private func need(_ count: Int) throws(StoreError) {
        guard count >= 0, bytes.count - offset >= count else {
            throw .corruptState("truncated at byte \(offset) (needed \(count) more)")
        }
    }

    @inline(__always)
    private mutating func load<Value: FixedWidthInteger>(_: Value.Type) throws(StoreError) -> Value {
        try need(MemoryLayout<Value>.size)
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: Value.self)
        offset += MemoryLayout<Value>.size
        return Value(littleEndian: value)
    }

    mutating func uint8() throws(StoreError) -> UInt8 {
        try load(UInt8.self)
    }

    mutating func uint32() throws(StoreError) -> UInt32 {
        try load(UInt32.self)
    }

    mutating func int32() throws(StoreError) -> Int32 {
        try load(Int32.self)
    }

    mutating func int64() throws(StoreError) -> Int64 {
        try load(Int64.self)
    }

    /// Skips a length-prefixed byte string and lends its bytes, valid as long as the decoder's.
    mutating func borrowedByteString() throws(StoreError) -> UnsafeBufferPointer<UInt8> {
        let count = Int(try uint32())
        try need(count)
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]).assumingMemoryBound(to: UInt8.self)
    }

    mutating func byteString() throws(StoreError) -> [UInt8] {
        Array(try borrowedByteString())
    }
}
