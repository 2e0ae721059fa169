import Testing

@testable import CairnWAL

/// Inputs the WAL fuzz target (`Fuzz/Sources/WALFuzz`) found crashing recovery; each must now open with a
/// corruption error that `repair` clears, like any other damage.
@Suite struct FuzzRegressionTests {
    /// Opening must fail with `.corrupt`; after `repair` the log opens with `records` and `nextIndex`.
    func expectRepairable(_ directory: TemporaryDirectory, records: [WALRecord]) throws {
        #expect(throws: WALError.self) {
            _ = try WriteAheadLog.open(directory: directory.path, options: WALOptions(noSync: true))
        }
        #expect(try WriteAheadLog.repair(directory: directory.path) != nil)
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions(noSync: true))
        defer { try? log.close() }
        #expect(recovery.records == records)
    }

    /// Two segments, the second named as starting at index 0 (the fuzzer's crash-db955a08): recovery
    /// subtracted one from its first index.
    @Test func aSegmentNamedAsStartingAtZeroIsDamage() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileIO.makeDirectory(directory.path)
        var first: [UInt8] = []
        RecordFormat.append(index: 1, payload: [7], payloadCRC: CRC32C.checksum([7]), to: &first)
        writeFile(directory.file(FileNames.segment(sequence: 0, firstIndex: 1)), first)
        writeFile(directory.file(FileNames.segment(sequence: 1, firstIndex: 0)), [0x0A, 0x00, 0x01, 0x00])
        try expectRepairable(directory, records: [WALRecord(index: 1, payload: [7])])
    }

    /// A checksum-valid record carrying the largest index: counting past it overflowed.
    @Test func aRecordWithTheLargestIndexIsDamage() {
        var bytes: [UInt8] = []
        RecordFormat.append(index: .max, payload: [1, 2], payloadCRC: CRC32C.checksum([1, 2]), to: &bytes)
        let scan = SegmentScan.scan(bytes, firstIndex: .max, keepAbove: 0)
        #expect(scan.records.isEmpty)
        #expect(scan.damage?.offset == 0)
        #expect(scan.nextIndex == .max)
    }

    /// Damage near the top of the index space: the search for valid records after it overflowed its bound.
    @Test func damageNearTheLargestIndexIsScannedWithoutOverflow() {
        var bytes: [UInt8] = []
        RecordFormat.append(index: .max - 1, payload: [3], payloadCRC: CRC32C.checksum([3]) ^ 1, to: &bytes)
        bytes += [UInt8](repeating: 0, count: 64)
        let scan = SegmentScan.scan(bytes, firstIndex: .max - 1, keepAbove: 0)
        #expect(scan.damage?.offset == 0)
        #expect(scan.damage?.validDataFollows == false)
    }
}
