import CairnPostgres
import CairnStore
import CairnWire
import Testing

/// Physical compaction: after a compaction the elected compactor deletes the rows no revision at or
/// above the compact revision can reach, and everything above it still answers like the embedded
/// store, both on the process that was running and on one that loads the pruned log.
@Suite(.enabled(if: PostgresTestServer.available)) struct PhysicalCompactionTests {
    @Test(arguments: [11] as [UInt64])
    func prunedLogAnswersLikeTheEmbeddedStore(seed: UInt64) async throws {
        try await withEmbeddedStore { reference in
            try await withPostgresBackend { backend, configuration in
                var random = SeededGenerator(seed: seed)
                let operations = DifferentialTests()
                for round in 0..<3 {
                    for step in 0..<60 {
                        let operation = operations.randomOperation(&random, current: reference.currentRevision)
                        let expected = try await operation(reference)
                        #expect(try await operation(backend) == expected, "seed \(seed) round \(round) step \(step)")
                    }
                    let target = CompactionRequest(revision: reference.currentRevision - Int64(round) * 3)
                    let compacted = try await Outcome { try await reference.compact(target) }
                    #expect(try await Outcome { try await backend.compact(target) } == compacted)
                    let compact = reference.compactRevision
                    #expect(try await backend.pruneCompactedLog() == compact)
                    #expect(try await Self.rowsBelow(compact, in: configuration) == Self.keptBelow(compact, reference))

                    let loaded = try await PostgresBackend.open(configuration)
                    #expect(loaded.currentRevision == reference.currentRevision)
                    #expect(loaded.compactRevision == compact)
                    for revision in compact...reference.currentRevision {
                        let everything = RangeRequest(key: [0], rangeEnd: [0], revision: revision)
                        let expected = Outcome.fromThrowing { try reference.range(everything) }
                        #expect(Outcome.fromThrowing { try loaded.range(everything) } == expected, "at \(revision)")
                    }
                    let history = Outcome.fromThrowing {
                        try reference.events(from: compact, key: [0], rangeEnd: [0], limitRevisions: .max)
                    }
                    #expect(
                        Outcome.fromThrowing {
                            try loaded.events(from: compact, key: [0], rangeEnd: [0], limitRevisions: .max)
                        } == history)

                    // New commits reach the loaded process's subscribers with the embedded store's events.
                    let before = reference.currentRevision
                    let watching = CommitCollector(loaded, after: before)
                    let expecting = CommitCollector(reference, after: before)
                    for _ in 0..<20 {
                        let operation = operations.randomOperation(&random, current: reference.currentRevision)
                        let expected = try await operation(reference)
                        #expect(try await operation(backend) == expected)
                    }
                    let written = Int(reference.currentRevision - before)
                    let seen = await watching.next(written)
                    let expectedSeen = await expecting.next(written)
                    #expect(seen.map(\.revision) == expectedSeen.map(\.revision))
                    #expect(seen.map(\.events) == expectedSeen.map(\.events))
                    watching.cancel()
                    expecting.cancel()
                    try await loaded.close()
                }
            }
        }
    }

    /// The rows left below the compact revision.
    static func rowsBelow(_ revision: Int64, in configuration: PostgresBackendConfiguration) async throws -> Int {
        Int(
            try await PostgresTestServer.scalar(
                "SELECT count(*) FROM cairn_log WHERE revision < \(revision)", in: configuration))
    }

    /// What must be left below the compact revision: the newest version of each key live there.
    static func keptBelow(_ revision: Int64, _ reference: EmbeddedStore) throws -> Int {
        let live = try reference.range(RangeRequest(key: [0], rangeEnd: [0], revision: revision))
        return live.kvs.filter { $0.modRevision < revision }.count
    }
}
