import Glibc

extension WriteAheadLog {
    /// Writes a snapshot covering every record up to `index`, then deletes the segments and older
    /// snapshots it makes unnecessary. Blocking; call it from a background thread.
    package func writeSnapshot(index: UInt64, payload: [UInt8]) throws {
        try writeSnapshot(index: index) { writer in try writer.write(payload) }
    }

    /// Streaming form of ``writeSnapshot(index:payload:)``: `body` writes the payload in chunks.
    ///
    /// The payload goes to a temporary file which is synced and then renamed into place, and the
    /// directory synced, before anything is deleted; a crash at any point leaves either the old or the
    /// new snapshot valid. A segment is deleted when every record in it has an index at most `index`.
    package func writeSnapshot(index: UInt64, writer body: (inout SnapshotWriter) throws -> Void) throws {
        try lifecycle.withLock { closed in
            guard !closed else { throw WALError.closed }
            let last = lastIndex
            guard index <= last else { throw WALError.snapshotBeyondLog(index: index, lastIndex: last) }
            let name = FileNames.snapshot(index: index)
            let path = FileNames.join(directory, name)
            let temporaryPath = path + FileNames.temporarySuffix
            let size = try writeSnapshotFile(temporaryPath, index: index, body: body)
            try FileIO.rename(temporaryPath, to: path)
            if !options.noSync { try FileIO.syncDirectory(directory) }
            try discard(coveredBy: index, keeping: name, snapshotSize: size)
        }
    }

    /// Writes header and payload to `path` and syncs it; returns the file size. Removes the file on error.
    private func writeSnapshotFile(_ path: String, index: UInt64, body: (inout SnapshotWriter) throws -> Void)
        throws -> Int
    {
        let fd = try FileIO.open(path, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            var writer = SnapshotWriter(fd: fd, path: path)
            try body(&writer)
            try writer.flush()
            let header = SnapshotFile.header(index: index, length: UInt64(writer.length), payloadCRC: writer.checksum)
            try header.withUnsafeBytes { try FileIO.write(fd, $0, at: 0, path: path) }
            if !options.noSync { try FileIO.syncData(fd, path: path) }
            FileIO.close(fd)
            return SnapshotFile.headerSize + writer.length
        } catch {
            FileIO.close(fd)
            try? FileIO.remove(path)
            throw error
        }
    }

    /// Deletes segments wholly covered by the snapshot at `index` (never the one being appended to) and
    /// every other snapshot file.
    private func discard(coveredBy index: UInt64, keeping snapshotName: String, snapshotSize: Int) throws {
        let covered = state.withLock { state -> [String] in
            state.snapshotSize = snapshotSize
            var count = 0
            while count + 1 < state.segments.count && state.segments[count + 1].firstIndex <= index + 1 {
                count += 1
            }
            defer { state.segments.removeFirst(count) }
            return state.segments.prefix(count).map(\.path)
        }
        for path in covered {
            try FileIO.remove(path)
        }
        for name in try FileIO.list(directory) where name != snapshotName && FileNames.parseSnapshot(name) != nil {
            try FileIO.remove(FileNames.join(directory, name))
        }
        if !options.noSync { try FileIO.syncDirectory(directory) }
    }
}
