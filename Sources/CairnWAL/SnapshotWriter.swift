import NIOCore

/// Streams a snapshot payload into its temporary file in chunks, so a large state never has to exist
/// as one array. Small writes are gathered into a 1 MiB buffer; the length and checksum for the
/// header are accumulated on the way.
package struct SnapshotWriter {
    private static let bufferCapacity = 1 << 20

    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    /// Where the next flushed byte goes (the payload starts after the header).
    private var fileOffset = SnapshotFile.headerSize
    private(set) var length = 0
    private(set) var checksum: UInt32 = 0

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(Self.bufferCapacity)
    }

    package mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        checksum = CRC32C.update(checksum, bytes)
        length += bytes.count
        if buffer.count + bytes.count > Self.bufferCapacity {
            try flush()
        }
        if bytes.count >= Self.bufferCapacity {
            try FileIO.write(fd, bytes, at: fileOffset, path: path)
            fileOffset += bytes.count
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    package mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes the readable bytes of `bytes` without moving its reader index.
    package mutating func write(_ bytes: ByteBuffer) throws {
        try bytes.withUnsafeReadableBytes { try write($0) }
    }

    /// Writes out whatever is buffered.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try FileIO.write(fd, $0, at: fileOffset, path: path) }
        fileOffset += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
