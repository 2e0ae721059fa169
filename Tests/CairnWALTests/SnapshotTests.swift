import Testing

@testable import CairnWAL

@Suite struct SnapshotTests {
    @Test func snapshotPlusLaterRecordsRecoverAndCoveredSegmentsAreDeleted() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let options = WALOptions(segmentSize: 1024)
        let state = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        do {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: options)
            try await appendDurably(log, 1...100)
            let before = directory.segments
            try log.writeSnapshot(index: 80, payload: state)
            let after = directory.segments
            #expect(after.count < before.count)
            #expect(after == Array(before.suffix(after.count)))
            // Every deleted segment held only records up to 80; the first kept one starts at or below 81.
            let firstKept = try #require(FileNames.parseSegment(String(after[0].split(separator: "/").last!)))
            #expect(firstKept.firstIndex <= 81)
            try await appendDurably(log, 101...130)
            try log.close()
        }
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: options)
        #expect(recovery.snapshot == WALSnapshot(index: 80, payload: state))
        #expect(recovery.records == expectedRecords(81...130))
        #expect(log.lastIndex == 130)
        try log.close()
    }

    @Test func streamingSnapshotReplacesOlderOnes() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let chunk = (0..<(300 * 1024)).map { UInt8(truncatingIfNeeded: $0) }
        do {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
            try await appendDurably(log, 1...10)
            try log.writeSnapshot(index: 5, payload: [1])
            try log.writeSnapshot(index: 10) { writer in
                for _ in 0..<8 {
                    try writer.write(chunk)
                }
                try writer.write([7])
            }
            #expect(directory.snapshots == [directory.file(FileNames.snapshot(index: 10))])
            #expect(log.sizeOnDisk >= 8 * chunk.count)
            #expect(throws: WALError.snapshotBeyondLog(index: 11, lastIndex: 10)) {
                try log.writeSnapshot(index: 11, payload: [])
            }
            try log.close()
        }
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        let snapshot = try #require(recovery.snapshot)
        #expect(snapshot.index == 10)
        #expect(snapshot.payload.bytes == Array([[UInt8]](repeating: chunk, count: 8).joined()) + [7])
        #expect(recovery.records.isEmpty)
        #expect(log.lastIndex == 10)
        try await appendDurably(log, 11...12)
        try log.close()
    }

    @Test func damagedNewestSnapshotFallsBackToTheOlderOne() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
            try await appendDurably(log, 1...10)
            try log.writeSnapshot(index: 4, payload: [4, 4])
            try log.close()
        }
        // A snapshot file whose payload does not match its checksum, as after a bad write.
        var broken = SnapshotFile.header(index: 8, length: 3, payloadCRC: CRC32C.checksum([8, 8, 8]))
        broken += [8, 8, 9]
        writeFile(directory.file(FileNames.snapshot(index: 8)), broken)
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        #expect(recovery.snapshot == WALSnapshot(index: 4, payload: [4, 4]))
        #expect(recovery.records == expectedRecords(5...10))
        try log.close()
    }

    @Test func snapshotAheadOfTheLogStartsANewSegment() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
            try await appendDurably(log, 1...10)
            try log.writeSnapshot(index: 10, payload: [10])
            try log.close()
        }
        // The log lost its tail (records 7...10) but the snapshot covers it.
        let segment = directory.segments[0]
        writeFile(segment, Array(fileBytes(segment).prefix(encodedSize(1...6))))
        do {
            let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
            #expect(recovery.snapshot?.index == 10)
            #expect(recovery.records.isEmpty)
            #expect(log.lastIndex == 10)
            try await appendDurably(log, 11...15)
            try log.close()
        }
        #expect(directory.segments.count == 2)
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        #expect(recovery.records == expectedRecords(11...15))
        try log.close()
    }
}
