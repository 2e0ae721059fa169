import CairnServer
import CairnWire
import Logging
import Testing

@Suite struct AutoCompactorTests {
    @Test(.timeLimit(.minutes(1))) func revisionModeKeepsTheRetainedRevisions() async throws {
        try await withFixture { fixture in
            for index in 0..<10 { try await fixture.put("k", "\(index)") }
            let compactor = AutoCompactor(
                policy: .revision(retention: 4), store: fixture.store, logger: Logger(label: "test"),
                revisionModeInterval: .milliseconds(5))
            let running = Task { await compactor.run() }
            defer { running.cancel() }
            while fixture.store.compactRevision != 7 { try await Task.sleep(for: .milliseconds(5)) }
            #expect(fixture.store.currentRevision == 11)
            #expect(throws: EtcdError.compacted) {
                try fixture.kv.range(RangeRequest(key: Array("k".utf8), revision: 6))
            }
        }
    }

    @Test func periodicModeSamplesATenthOfTheRetentionAtMostHourly() {
        #expect(AutoCompactor.samplingInterval(retention: .seconds(600)) == .seconds(60))
        #expect(AutoCompactor.samplingInterval(retention: .seconds(86_400)) == .seconds(3600))
    }

    @Test(.timeLimit(.minutes(1))) func periodicModeCompactsToTheRevisionSampledOneRetentionAgo() async throws {
        try await withFixture { fixture in
            try await fixture.put("k", "0")
            let compactor = AutoCompactor(
                policy: .periodic(retention: .milliseconds(100)), store: fixture.store, logger: Logger(label: "test"))
            let running = Task { await compactor.run() }
            defer { running.cancel() }
            try await fixture.put("k", "1")
            try await fixture.put("k", "2")
            while fixture.store.compactRevision < 3 { try await Task.sleep(for: .milliseconds(5)) }
            #expect(fixture.store.compactRevision <= fixture.store.currentRevision)
        }
    }
}
