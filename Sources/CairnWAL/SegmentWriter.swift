import Glibc

/// The segment file currently being appended to. Owned by whoever flushes (see `LogState.flushing`).
final class SegmentWriter {
    private let directory: String
    private let noSync: Bool
    private var fd: Int32
    private(set) var path: String
    private(set) var sequence: UInt64
    private(set) var firstIndex: UInt64
    /// Bytes written so far.
    private(set) var size: Int
    /// Bytes known to be on disk; a failed write is rolled back to here.
    private var syncedSize: Int

    /// Continues an existing segment whose valid data ends at `segment.size`.
    init(continuing segment: SegmentInfo, directory: String, noSync: Bool) throws {
        self.directory = directory
        self.noSync = noSync
        fd = try FileIO.open(segment.path, O_WRONLY)
        path = segment.path
        sequence = segment.sequence
        firstIndex = segment.firstIndex
        size = segment.size
        syncedSize = segment.size
    }

    /// Creates a new, empty segment and makes its directory entry durable.
    init(creating sequence: UInt64, firstIndex: UInt64, directory: String, noSync: Bool) throws {
        self.directory = directory
        self.noSync = noSync
        self.sequence = sequence
        self.firstIndex = firstIndex
        path = FileNames.join(directory, FileNames.segment(sequence: sequence, firstIndex: firstIndex))
        fd = try FileIO.open(path, O_WRONLY | O_CREAT | O_EXCL)
        size = 0
        syncedSize = 0
        if !noSync { try FileIO.syncDirectory(directory) }
    }

    var info: SegmentInfo {
        SegmentInfo(sequence: sequence, firstIndex: firstIndex, path: path, size: size)
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try FileIO.write(fd, $0, at: size, path: path) }
        size += bytes.count
    }

    /// `fdatasync`s the segment (unless `noSync`) and returns how long that took.
    func sync() throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        if !noSync { try FileIO.syncData(fd, path: path) }
        syncedSize = size
        return clock.now - start
    }

    /// Syncs and closes this segment, then creates the next one, starting at `firstIndex`.
    func rotate(firstIndex: UInt64) throws {
        _ = try sync()
        let next = try SegmentWriter(
            creating: sequence + 1, firstIndex: firstIndex, directory: directory, noSync: noSync)
        FileIO.close(fd)
        fd = next.takeDescriptor()
        path = next.path
        sequence = next.sequence
        self.firstIndex = firstIndex
        size = 0
        syncedSize = 0
    }

    /// Cuts off whatever was written after the last successful sync, so a half-written batch is not left
    /// behind for recovery to mistake for records. Best effort: the disk may be failing.
    func rollBack() {
        if ftruncate(fd, off_t(syncedSize)) == 0 {
            size = syncedSize
        }
    }

    func close() {
        FileIO.close(fd)
        fd = -1
    }

    /// Hands the descriptor over to another writer, which becomes responsible for closing it.
    private func takeDescriptor() -> Int32 {
        defer { fd = -1 }
        return fd
    }

    deinit {
        if fd >= 0 { FileIO.close(fd) }
    }
}
