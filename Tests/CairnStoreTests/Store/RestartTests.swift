import CairnStore
import CairnWire
import Foundation
import Testing

@Suite struct RestartTests {
    private func open(_ directory: TemporaryDirectory, snapshotCount: Int = 10_000, clock: ManualClock = ManualClock())
        throws -> EmbeddedStore
    {
        try EmbeddedStore.open(
            StoreConfiguration(dataDirectory: directory.path, noSync: true, snapshotCount: snapshotCount, clock: clock)
        )
    }

    /// Everything a client could observe: all keys with history-visible fields, revisions, leases.
    private func observable(_ store: EmbeddedStore) throws -> [String] {
        var lines = summary(try store.get("\0", rangeEnd: "\0").kvs)
        lines.append("rev \(store.currentRevision) compact \(store.compactRevision)")
        if store.compactRevision < store.currentRevision {
            let from = max(store.compactRevision, 1)
            for event in try store.events(from: from, key: [0], rangeEnd: [0], limitRevisions: 1_000_000) {
                lines.append(
                    "\(event.type.rawValue) \(event.kv!.key.string)@\(event.kv!.modRevision) prev \(event.prevKv?.modRevision ?? 0)"
                )
            }
        }
        lines.append("leases \(store.leaseList().sorted())")
        return lines
    }

    private func writeWorkload(_ store: EmbeddedStore, rounds: Int) async throws {
        _ = try await store.leaseGrant(id: 11, ttl: 30)
        _ = try await store.leaseGrant(id: 12, ttl: 40)
        for round in 0..<rounds {
            try await store.put("k\(round % 7)", "v\(round)", lease: round % 5 == 0 ? 11 : 0)
            if round % 3 == 0 { try await store.delete("k\((round + 2) % 7)") }
            if round == rounds / 2 {
                _ = try await store.compact(CompactionRequest(revision: store.currentRevision - 3))
            }
        }
        _ = try await store.txn(TxnRequest(success: [Op.put("t1", "x", lease: 12), Op.put("t2", "y")]))
        _ = try await store.leaseGrant(id: 13, ttl: 50)
        _ = try await store.leaseRevoke(id: 13)
    }

    @Test func reopenAfterLogOnly() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try open(directory)
        try await writeWorkload(store, rounds: 40)
        let before = try observable(store)
        try await store.close()
        let reopened = try open(directory)
        #expect(try observable(reopened) == before)
        try await reopened.put("after", "1")
        #expect(reopened.currentRevision == store.currentRevision + 1)
        try await reopened.close()
    }

    @Test func reopenAfterSnapshotAndLog() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try open(directory, snapshotCount: 16)
        try await writeWorkload(store, rounds: 100)
        let before = try observable(store)
        try await store.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains { $0.hasSuffix(".snap") || $0.contains("snap") })
        let reopened = try open(directory, snapshotCount: 16)
        #expect(try observable(reopened) == before)
        try await reopened.close()
    }

    @Test func leasesComeBackWithTheirFullTTL() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualClock()
        let store = try open(directory, clock: clock)
        _ = try await store.leaseGrant(id: 5, ttl: 10)
        try await store.put("owned", "1", lease: 5)
        clock.advance(seconds: 8)
        try await store.close()
        let reopened = try open(directory, clock: clock)
        let status = reopened.leaseTimeToLive(id: 5, keys: true)
        #expect(status.ttl == 9 || status.ttl == 10)
        #expect(status.grantedTTL == 10 && status.keys.map(\.string) == ["owned"])
        clock.advance(seconds: 10)
        try await reopened.expireDueLeases()
        #expect(try reopened.get("owned").count == 0)
        try await reopened.close()
    }

    @Test func aSecondOpenOfTheSameDirectoryFails() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try open(directory)
        #expect(throws: (any Error).self) { try open(directory) }
        try await store.close()
    }
}
