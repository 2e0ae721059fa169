import Testing

@testable import CairnWAL

@Suite struct RoundTripTests {
    @Test func emptyDirectoryIsCreatedAndStartsAtIndexOne() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        #expect(recovery.snapshot == nil)
        #expect(recovery.records.isEmpty)
        #expect(log.lastIndex == 0)
        #expect(log.append([1, 2, 3]) == 1)
        try await log.waitDurable(1)
        #expect(log.durableIndex == 1)
        try log.close()
    }

    @Test func recordsSurviveReopenAcrossSegmentRotation() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let options = WALOptions(segmentSize: 1024)
        do {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: options)
            try await appendDurably(log, 1...120)
            #expect(log.lastIndex == 120)
            #expect(log.durableIndex == 120)
            try log.close()
        }
        let segments = directory.segments
        #expect(segments.count > 10)
        #expect(segments.first?.hasSuffix("0000000000000000-0000000000000001.wal") == true)
        for path in segments.dropLast() {
            #expect(fileBytes(path).count <= 1024)
        }
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: options)
        #expect(recovery.records == expectedRecords(1...120))
        #expect(log.lastIndex == 120)
        try await appendDurably(log, 121...150)
        #expect(log.sizeOnDisk == directory.segments.reduce(0) { $0 + fileBytes($1).count })
        try log.close()
        let (again, second) = try WriteAheadLog.open(directory: directory.path, options: options)
        #expect(second.records == expectedRecords(1...150))
        try again.close()
    }

    @Test func noSyncModeWritesAndRecovers() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let options = WALOptions(segmentSize: 2048, noSync: true)
        do {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: options)
            try await appendDurably(log, 1...60)
            try log.writeSnapshot(index: 30, payload: [9, 9])
            try await appendDurably(log, 61...70)
            try log.close()
        }
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: options)
        #expect(recovery.snapshot == WALSnapshot(index: 30, payload: [9, 9]))
        #expect(recovery.records == expectedRecords(31...70))
        try log.close()
    }

    @Test func closeFlushesPendingRecordsAndRefusesLaterOnes() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (log, _) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        for index in UInt64(1)...10 {
            _ = log.append(payload(index))
        }
        try log.close()
        #expect(log.durableIndex == 10)
        let late = log.append([1])
        await #expect(throws: WALError.closed) { try await log.waitDurable(late) }
        await #expect(throws: WALError.unknownIndex(99, lastIndex: late)) { try await log.waitDurable(99) }
        let (reopened, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        #expect(recovery.records == expectedRecords(1...10))
        try reopened.close()
    }
}
