/// A segment file of the log as the writer tracks it.
struct SegmentInfo {
    var sequence: UInt64
    var firstIndex: UInt64
    var path: String
    var size: Int
}

/// Reads a data directory back: picks the newest valid snapshot, decodes every segment after it, cuts a
/// torn tail and either reports or (when repairing) cuts away damage in the middle.
struct Recovery {
    var snapshot: WALSnapshot?
    var snapshotSize = 0
    var records: [WALRecord] = []
    /// Segments still on disk, oldest first, with their valid sizes.
    var segments: [SegmentInfo] = []
    /// The index the next appended record gets.
    var nextIndex: UInt64 = 1
    /// The index that would follow the last record of the last segment (nil without segments). It is
    /// below `nextIndex` when the snapshot covers records the log lost; appending then needs a new segment.
    var tailNextIndex: UInt64?
    /// Set when `repairing` was asked for and damage was cut away.
    var repair: WALRepairReport?

    init(directory: String, repairing: Bool) throws {
        let names = try FileIO.list(directory).sorted()
        for name in names where name.hasSuffix(FileNames.temporarySuffix) {
            try FileIO.remove(FileNames.join(directory, name))
        }
        try loadNewestSnapshot(directory: directory, names: names)
        let coveredIndex = snapshot?.index ?? 0
        segments = names.compactMap { name in
            FileNames.parseSegment(name).map {
                SegmentInfo(
                    sequence: $0.sequence, firstIndex: $0.firstIndex, path: FileNames.join(directory, name), size: 0)
            }
        }
        segments.sort { $0.sequence < $1.sequence }
        nextIndex = coveredIndex + 1
        // Record indexes start at 1: a segment named as starting at 0 was not written by this log.
        if let zero = segments.firstIndex(where: { $0.firstIndex == 0 }) {
            let reason = "segment is named as starting at index 0, which no record has"
            try damaged(segment: zero, offset: 0, reason: reason, directory: directory, repairing: repairing)
        }
        guard !segments.isEmpty else { return }
        // Segments that end before the snapshot need not be read: start at the last one that begins at or
        // before the first record the snapshot does not cover.
        guard let start = segments.lastIndex(where: { $0.firstIndex <= coveredIndex + 1 }) else {
            let reason =
                "the log starts at index \(segments[0].firstIndex) but the newest valid snapshot covers "
                + "only up to \(coveredIndex)"
            try damaged(segment: 0, offset: 0, reason: reason, directory: directory, repairing: repairing)
            return
        }
        for skipped in 0..<start {
            segments[skipped].size = try FileIO.size(of: segments[skipped].path)
        }
        var expected = segments[start].firstIndex
        var position = start
        while position < segments.count {
            let segment = segments[position]
            if segment.firstIndex != expected {
                let reason = "segment starts at index \(segment.firstIndex) but \(expected) was expected"
                try damaged(segment: position, offset: 0, reason: reason, directory: directory, repairing: repairing)
                break
            }
            let scan = try MappedFile.withBytes(of: segment.path) { bytes in
                SegmentScan.scan(bytes, firstIndex: segment.firstIndex, keepAbove: coveredIndex)
            }
            records.append(contentsOf: scan.records)
            expected = scan.nextIndex
            segments[position].size = scan.validEnd
            if let damage = scan.damage {
                if position == segments.count - 1 && !damage.validDataFollows {
                    try FileIO.truncate(segment.path, to: damage.offset)
                } else {
                    try damaged(
                        segment: position, offset: damage.offset, reason: damage.reason, directory: directory,
                        repairing: repairing)
                    break
                }
            }
            position += 1
        }
        nextIndex = max(coveredIndex, expected - 1) + 1
        tailNextIndex = segments.isEmpty ? nil : expected
    }

    private mutating func loadNewestSnapshot(directory: String, names: [String]) throws {
        let candidates = names.compactMap { name in FileNames.parseSnapshot(name).map { ($0, name) } }
        for (_, name) in candidates.sorted(by: { $0.0 > $1.0 }) {
            let path = FileNames.join(directory, name)
            if let found = try SnapshotFile.read(path) {
                snapshot = found
                snapshotSize = SnapshotFile.headerSize + found.payload.count
                return
            }
        }
    }

    /// Throws the corruption error, or when repairing cuts the log at that point: the segment is
    /// truncated (deleted if nothing valid remains) and every later segment deleted.
    private mutating func damaged(
        segment position: Int, offset: Int, reason: String, directory: String, repairing: Bool
    )
        throws
    {
        let path = segments[position].path
        guard repairing else { throw WALError.corrupt(file: path, offset: offset, reason: reason) }
        let later = segments[(position + 1)...].map(\.path)
        for file in later {
            try FileIO.remove(file)
        }
        if offset == 0 {
            try FileIO.remove(path)
            segments.removeSubrange(position...)
        } else {
            try FileIO.truncate(path, to: offset)
            segments[position].size = offset
            segments.removeSubrange((position + 1)...)
        }
        try FileIO.syncDirectory(directory)
        repair = WALRepairReport(file: path, offset: offset, reason: reason, removedFiles: later)
    }
}
