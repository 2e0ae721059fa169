/// The on-disk layout of one log record, all integers little-endian:
///
///     length  UInt32   payload byte count
///     crc     UInt32   CRC-32C of payload, then index, then length
///     index   UInt64   the record's index (1, 2, 3, ... ; 0 never occurs)
///     payload [length bytes]
///     padding zero bytes up to a multiple of 8
///
/// The checksum starts with the payload so that appenders can compute that part before they take the
/// log's lock and learn their index. Padding keeps every record 8-byte aligned, which lets recovery
/// look for valid records after a damaged one at aligned offsets only.
enum RecordFormat {
    static let headerSize = 16

    static func size(payloadCount: Int) -> Int {
        (headerSize + payloadCount + 7) & ~7
    }

    static func checksum(payloadCRC: UInt32, index: UInt64, length: UInt32) -> UInt32 {
        CRC32C.update(CRC32C.update(payloadCRC, integer: index), integer: length)
    }

    /// Appends the encoded record to `buffer`; `payloadCRC` is `CRC32C.checksum(payload)`.
    static func append(index: UInt64, payload: [UInt8], payloadCRC: UInt32, to buffer: inout [UInt8]) {
        let length = UInt32(payload.count)
        let crc = checksum(payloadCRC: payloadCRC, index: index, length: length)
        withUnsafeBytes(of: length.littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: crc.littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: index.littleEndian) { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: payload)
        let padding = size(payloadCount: payload.count) - headerSize - payload.count
        buffer.append(contentsOf: repeatElement(0, count: padding))
    }

    /// The outcome of decoding the bytes at one offset.
    enum Decoded {
        /// A record whose checksum matches; `payload` is the byte range within the scanned buffer.
        case record(index: UInt64, payload: Range<Int>, size: Int)
        /// The header or the payload runs past the end of the buffer.
        case incomplete
        /// Header and payload are present but the checksum does not match.
        case checksumMismatch
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Decoded {
        guard bytes.count - offset >= headerSize else { return .incomplete }
        let length = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
        let stored = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self).littleEndian
        let index = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian
        let recordSize = size(payloadCount: Int(length))
        guard bytes.count - offset >= recordSize else { return .incomplete }
        let payloadStart = offset + headerSize
        let payload = payloadStart..<(payloadStart + Int(length))
        let payloadCRC = CRC32C.update(0, UnsafeRawBufferPointer(rebasing: bytes[payload]))
        guard checksum(payloadCRC: payloadCRC, index: index, length: length) == stored else {
            return .checksumMismatch
        }
        return .record(index: index, payload: payload, size: recordSize)
    }
}
