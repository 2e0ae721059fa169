import CairnStore
import CairnWire
import Testing

/// The hub attached to the real embedded store: commits arrive through the store's feed and
/// catch-up reads its history.
@Suite struct WatchHubStoreTests {
    private func withStore(_ body: (EmbeddedStore) async throws -> Void) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory.path, noSync: true))
        try await body(store)
        try await store.close()
    }

    private func put(_ store: EmbeddedStore, _ key: String, _ value: String) async throws {
        _ = try await store.put(PutRequest(key: Array(key.utf8), value: Array(value.utf8)))
    }

    @Test func liveCommitsReplayAndTransactionsReachWatchers() async throws {
        try await withStore { store in
            let hub = WatchHub.attached(to: store)
            try await put(store, "a", "1")
            let stream = hub.openStream()
            stream.create(watchID: 0, range: prefixRange(""), options: WatchOptions(prevKv: true))
            stream.create(watchID: 0, range: keyRange("a"), options: WatchOptions(startRevision: 1, prevKv: true))
            try await put(store, "a", "2")
            _ = try await store.txn(
                TxnRequest(success: [
                    RequestOp(request: .put(PutRequest(key: Array("b".utf8), value: Array("x".utf8)))),
                    RequestOp(request: .deleteRange(DeleteRangeRequest(key: Array("a".utf8)))),
                ])
            )
            let all = await stream.collect(0, events: 3).events
            #expect(all.map(\.summary) == ["PUT a=2@3", "PUT b=x@4", "DELETE a@4"])
            #expect(all.map { $0.prevKv?.value } == [Array("1".utf8), nil, Array("2".utf8)])

            let single = await stream.collect(1, events: 3).events
            #expect(single.map(\.summary) == ["PUT a=1@2", "PUT a=2@3", "DELETE a@4"])
            #expect(single[0].prevKv == nil, "a create has no prev_kv")
        }
    }

    @Test func watchBelowTheCompactRevisionIsCompacted() async throws {
        try await withStore { store in
            let hub = WatchHub.attached(to: store)
            for value in 0..<4 {
                try await put(store, "k", "\(value)")
            }
            _ = try await store.compact(CompactionRequest(revision: 4))
            let stream = hub.openStream()
            stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(startRevision: 3))
            stream.create(watchID: 0, range: keyRange("k"), options: WatchOptions(startRevision: 4))
            let messages = await stream.take(4)
            #expect(messages.contains(.compacted(watchID: 0, compactRevision: 4, revision: 5)))
            let replayed = messages.flatMap { message -> [String] in
                if case .events(1, _, let events) = message { return events.map(\.summary) }
                return []
            }
            #expect(replayed == ["PUT k=2@4", "PUT k=3@5"])
        }
    }
}
