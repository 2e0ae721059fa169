import Testing

@testable import CairnWAL

/// A crash while the last batch was being written leaves a partial or garbled record at the end of the
/// last segment. It was never reported durable, so opening cuts it off and appending carries on.
@Suite struct TornTailTests {
    enum Damage: CaseIterable {
        case truncatedLength, truncatedPayload, badChecksum, zeroFilledTail, zeroedLastRecord
    }

    @Test(arguments: Damage.allCases)
    func tornTailIsCutAndLogContinues(_ damage: Damage) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
            try await appendDurably(log, 1...10)
            try log.close()
        }
        let segment = directory.segments[0]
        var bytes = fileBytes(segment)
        let goodEnd = encodedSize(1...9)
        #expect(bytes.count == encodedSize(1...10))
        switch damage {
        case .truncatedLength:
            bytes.removeSubrange((goodEnd + 2)...)
        case .truncatedPayload:
            bytes.removeSubrange((goodEnd + RecordFormat.headerSize + 3)...)
        case .badChecksum:
            bytes[goodEnd + RecordFormat.headerSize] ^= 0x40
        case .zeroFilledTail:
            bytes.append(contentsOf: [UInt8](repeating: 0, count: 4096))
        case .zeroedLastRecord:
            bytes.replaceSubrange(goodEnd..., with: [UInt8](repeating: 0, count: bytes.count - goodEnd + 512))
        }
        writeFile(segment, bytes)
        let survivors: ClosedRange<UInt64> = damage == .zeroFilledTail ? 1...10 : 1...9
        do {
            let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
            #expect(recovery.records == expectedRecords(survivors))
            #expect(fileBytes(segment).count == encodedSize(survivors))
            try await appendDurably(log, (survivors.upperBound + 1)...20)
            try log.close()
        }
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        #expect(recovery.records == expectedRecords(1...20))
        try log.close()
    }
}
