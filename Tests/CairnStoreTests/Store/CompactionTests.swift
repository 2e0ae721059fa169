import CairnStore
import CairnWire
import Testing

@Suite struct CompactionTests {
    @Test func compactRules() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            // A fresh store has no compact revision (-1), so compacting at 0 or 1 succeeds.
            #expect(try await store.compact(CompactionRequest(revision: 1)).header?.revision == 1)
            #expect(await etcdError { _ = try await store.compact(CompactionRequest(revision: 1)) } == .compacted)
            #expect(await etcdError { _ = try await store.compact(CompactionRequest(revision: 2)) } == .futureRevision)
            try await store.put("a", "1")
            #expect(try await store.compact(CompactionRequest(revision: 2, physical: true)).header?.revision == 2)
            #expect(store.compactRevision == 2)
            #expect(store.currentRevision == 2)
        }
    }

    @Test func compactionKeepsTheNewestVersionAndDropsDeletedKeys() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await store.put("a", "1")  // 2
            try await store.put("a", "2")  // 3
            try await store.put("b", "1")  // 4
            try await store.delete("b")  // 5
            try await store.put("c", "1")  // 6
            try await store.delete("c")  // 7
            try await store.put("a", "3")  // 8
            _ = try await store.compact(CompactionRequest(revision: 6))
            #expect(summary(try store.get("a", revision: 6).kvs) == ["a=2@3/2/2"])
            #expect(try store.get("\0", rangeEnd: "\0", revision: 6).kvs.map(\.key.string) == ["a", "c"])
            #expect(try store.get("\0", rangeEnd: "\0", revision: 7).kvs.map(\.key.string) == ["a"])
            #expect(throws: EtcdError.compacted) { try store.get("a", revision: 5) }
            // History from the compact revision on is still there for watchers.
            let events = try store.events(from: 6, key: [0], rangeEnd: [0], limitRevisions: 10)
            #expect(
                events.map { "\($0.type == .put ? "PUT" : "DELETE") \($0.kv!.key.string)@\($0.kv!.modRevision)" } == [
                    "PUT c@6", "DELETE c@7", "PUT a@8",
                ])
            #expect(throws: EtcdError.compacted) {
                try store.events(from: 5, key: [0], rangeEnd: [0], limitRevisions: 10)
            }
            _ = try await store.compact(CompactionRequest(revision: 8))
            #expect(store.keyCount == 1)
        }
    }
}
