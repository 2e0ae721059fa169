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

    /// Reads and checks a snapshot, reading the payload straight into its final array.
    /// Returns nil when the file is not a complete, intact snapshot.
    static func read(_ path: String) throws -> WALSnapshot? {
        let fd = try FileIO.open(path, O_RDONLY)
        defer { FileIO.close(fd) }
        let fileSize = try FileIO.size(fd, path: path)
        var header = [UInt8](repeating: 0, count: headerSize)
        let headerRead = try header.withUnsafeMutableBytes { try FileIO.read(fd, into: $0, at: 0, path: path) }
        guard headerRead == headerSize, header.prefix(8).elementsEqual(magic) else { return nil }
        let (index, length, payloadCRC, headerCRC) = header.withUnsafeBytes { raw in
            (
                raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian,
                raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian,
                raw.loadUnaligned(fromByteOffset: 24, as: UInt32.self).littleEndian,
                raw.loadUnaligned(fromByteOffset: 28, as: UInt32.self).littleEndian
            )
        }
        guard CRC32C.checksum(Array(header.prefix(28))) == headerCRC,
            UInt64(fileSize - headerSize) == length
        else { return nil }
        var payloadRead = 0
        let payload = try [UInt8](unsafeUninitializedCapacity: Int(length)) { buffer, count in
            payloadRead = try FileIO.read(fd, into: UnsafeMutableRawBufferPointer(buffer), at: headerSize, path: path)
            count = payloadRead
        }
        guard payloadRead == Int(length), CRC32C.checksum(payload) == payloadCRC else { return nil }
        return WALSnapshot(index: index, payload: payload)
    }
}
