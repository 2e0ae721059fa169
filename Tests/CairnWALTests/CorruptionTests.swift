import Testing

@testable import CairnWAL

/// Damage followed by valid records is not a torn write: opening refuses, naming file and offset, and
/// `repair` cuts the log there.
@Suite struct CorruptionTests {
    @Test func damagedMiddleRecordIsReportedAndRepairable() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
            try await appendDurably(log, 1...20)
            try log.close()
        }
        let segment = directory.segments[0]
        var bytes = fileBytes(segment)
        let offset = encodedSize(1...4)
        bytes[offset + RecordFormat.headerSize + 1] ^= 0xFF
        writeFile(segment, bytes)

        let error = #expect(throws: WALError.self) {
            _ = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        }
        guard case .corrupt(let file, let at, _) = error else {
            Issue.record("expected a corruption error, got \(String(describing: error))")
            return
        }
        #expect(file == segment)
        #expect(at == offset)
        let message = error?.description ?? ""
        #expect(message.contains(segment) && message.contains("offset \(offset)"))
        #expect(message.contains("WriteAheadLog.repair(directory: \"\(directory.path)\")"))

        let report = try WriteAheadLog.repair(directory: directory.path)
        #expect(report?.file == segment)
        #expect(report?.offset == offset)
        #expect(try WriteAheadLog.repair(directory: directory.path) == nil)
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        #expect(recovery.records == expectedRecords(1...4))
        #expect(log.lastIndex == 4)
        try await appendDurably(log, 5...8)
        try log.close()
    }

    @Test func damageInAnEarlierSegmentIsNeverATornTail() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let options = WALOptions(segmentSize: 1024)
        do {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: options)
            try await appendDurably(log, 1...60)
            try log.close()
        }
        let segments = directory.segments
        #expect(segments.count >= 3)
        var bytes = fileBytes(segments[1])
        let cut = bytes.count - 5
        bytes.removeSubrange(cut...)
        writeFile(segments[1], bytes)
        #expect(throws: WALError.self) {
            _ = try WriteAheadLog.open(directory: directory.path, options: options)
        }
        let report = try #require(try WriteAheadLog.repair(directory: directory.path))
        #expect(report.file == segments[1])
        #expect(report.removedFiles == Array(segments[2...]))
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: options)
        let last = try #require(recovery.records.last?.index)
        #expect(recovery.records == expectedRecords(1...last))
        #expect(last < 60)
        try log.close()
    }

    @Test func missingSegmentIsAGap() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let options = WALOptions(segmentSize: 1024)
        do {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: options)
            try await appendDurably(log, 1...60)
            try log.close()
        }
        let segments = directory.segments
        try FileIO.remove(segments[1])
        let error = #expect(throws: WALError.self) {
            _ = try WriteAheadLog.open(directory: directory.path, options: options)
        }
        guard case .corrupt(let file, let offset, _) = error else {
            Issue.record("expected a corruption error, got \(String(describing: error))")
            return
        }
        #expect(file == segments[2] && offset == 0)
        let report = try #require(try WriteAheadLog.repair(directory: directory.path))
        #expect(report.file == segments[2] && report.offset == 0)
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: options)
        let last = try #require(recovery.records.last?.index)
        #expect(recovery.records == expectedRecords(1...last))
        try log.close()
    }
}
