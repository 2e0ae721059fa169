import Testing

@testable import CairnWAL

/// Simulated crashes: after each round of writes, the end of the last segment is cut at a random point
/// after everything reported durable, and sometimes garbage or zeros are left where the cut happened, as
/// a torn write would. Every durable record must come back, intact and in order, and whatever else comes
/// back must be an intact prefix of what was appended.
@Suite struct CrashSimulationTests {
    /// SplitMix64, so every run sees the same sequence of crashes.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    @Test func durableRecordsSurviveRandomTornTails() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var random = SeededGenerator(state: 20_261_126)
        let options = WALOptions(segmentSize: 8 * 1024)
        var durable: UInt64 = 0
        for cycle in 0..<25 {
            let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: options)
            let recovered = recovery.records.last?.index ?? 0
            #expect(recovered >= durable, "cycle \(cycle): lost durable records")
            #expect(recovery.records == expectedRecords(upTo: recovered), "cycle \(cycle): records differ")
            #expect(log.lastIndex == recovered)
            // Writers that wait: these records are acknowledged.
            let acknowledged = UInt64.random(in: 1...40, using: &random)
            try await appendDurably(log, (recovered + 1)...(recovered + acknowledged))
            durable = recovered + acknowledged
            let lastSegment = try #require(directory.segments.last)
            let durableEnd = fileBytes(lastSegment).count
            // Writers still in flight at the crash: appended, maybe written, never acknowledged.
            let inFlight = UInt64.random(in: 0...40, using: &random)
            if inFlight > 0 {
                for index in (durable + 1)...(durable + inFlight) {
                    _ = log.append(payload(index))
                }
            }
            try log.close()
            crash(directory: directory, durableSegment: lastSegment, durableEnd: durableEnd, using: &random)
        }
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: options)
        #expect((recovery.records.last?.index ?? 0) >= durable)
        try log.close()
    }

    /// Cuts the last segment at a random offset that keeps every durable byte, then maybe leaves a
    /// torn-write remnant there.
    private func crash(
        directory: TemporaryDirectory, durableSegment: String, durableEnd: Int, using random: inout SeededGenerator
    ) {
        guard let last = directory.segments.last else { return }
        var bytes = fileBytes(last)
        let floor = last == durableSegment ? durableEnd : 0
        let cut = Int.random(in: floor...bytes.count, using: &random)
        bytes.removeSubrange(cut...)
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            bytes += (0..<Int.random(in: 1...600, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random)
            }
        case 1:
            bytes += [UInt8](repeating: 0, count: Int.random(in: 1...4096, using: &random))
        default:
            break
        }
        writeFile(last, bytes)
    }
}
