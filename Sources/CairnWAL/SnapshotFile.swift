import Glibc

/// The layout of a snapshot file: a 32-byte header, then the payload. Header fields, little-endian:
///
///     magic      8 bytes  "CAIRNSNP"
///     index      UInt64   the last record index the snapshot covers
///     length     UInt64   payload byte count
///     payloadCRC UInt32   CRC-32C of the payload
///     headerCRC  UInt32   CRC-32C of the 28 bytes before it
enum SnapshotFile {
    static let headerSize = 32
    static let magic: [UInt8] = Array("CAIRNSNP".utf8)

    static func header(index: UInt64, length: UInt64, payloadCRC: UInt32) -> [UInt8] {
        var bytes = magic
        withUnsafeBytes(of: index.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: length.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: payloadCRC.littleEndian) { bytes.append(contentsOf: $0) }
        let headerCRC = CRC32C.checksum(bytes)
        withUnsafeBytes(of: headerCRC.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Maps and checks a snapshot; the payload is read in place from the mapping.
    /// Returns nil when the file is not a complete, intact snapshot.
    static func read(_ path: String) throws -> WALSnapshot? {
        let file = try MappedFile(path: path)
        let raw = file.bytes
        guard raw.count >= headerSize, raw.prefix(8).elementsEqual(magic) else { return nil }
        let index = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
        let length = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian
        let payloadCRC = raw.loadUnaligned(fromByteOffset: 24, as: UInt32.self).littleEndian
        let headerCRC = raw.loadUnaligned(fromByteOffset: 28, as: UInt32.self).littleEndian
        guard CRC32C.update(0, UnsafeRawBufferPointer(rebasing: raw[0..<28])) == headerCRC,
            UInt64(raw.count - headerSize) == length,
            CRC32C.update(0, UnsafeRawBufferPointer(rebasing: raw[headerSize...])) == payloadCRC
        else { return nil }
        return WALSnapshot(index: index, payload: SnapshotPayload(mapped: file, offset: headerSize))
    }
}
