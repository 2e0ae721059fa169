import CairnStore
import CairnWire
import Testing

@Suite struct PutDeleteTests {
    @Test func putCreatesThenUpdatesAndAlwaysBumpsTheRevision() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            #expect(try await store.put("k", "v").header?.revision == 2)
            #expect(try await store.put("k", "v").header?.revision == 3)
            #expect(summary(try store.get("k").kvs) == ["k=v@3/2/2"])
            try await store.delete("k")
            try await store.put("k", "w")
            #expect(summary(try store.get("k").kvs) == ["k=w@5/5/1"])
        }
    }

    @Test func putValidationOrder() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            #expect(await etcdError { _ = try await store.put(PutRequest(value: "x".bytes)) } == .keyNotProvided)
            let both = PutRequest(key: "k".bytes, value: "x".bytes, lease: 5, ignoreValue: true, ignoreLease: true)
            #expect(await etcdError { _ = try await store.put(both) } == .valueProvided)
            let lease = PutRequest(key: "k".bytes, lease: 5, ignoreLease: true)
            #expect(await etcdError { _ = try await store.put(lease) } == .leaseProvided)
            #expect(await etcdError { try await store.put("k", "v", lease: 77) } == .leaseNotFound)
            let ignore = PutRequest(key: "k".bytes, ignoreValue: true)
            #expect(await etcdError { _ = try await store.put(ignore) } == .keyNotFound)
            #expect(store.currentRevision == 1)
        }
    }

    @Test func prevKvIgnoreValueAndIgnoreLease() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            let lease = try await store.leaseGrant(id: 9, ttl: 60)
            try await store.put("k", "v1", lease: lease.id)
            let first = try await store.put(PutRequest(key: "other".bytes, value: [], prevKv: true))
            #expect(first.prevKv == nil)
            let second = try await store.put(
                PutRequest(key: "k".bytes, value: "v2".bytes, prevKv: true, ignoreLease: true))
            #expect(second.prevKv.map { summary([$0]) } == ["k=v1@2/2/1"])
            #expect(try store.get("k").kvs.first?.lease == 9)
            _ = try await store.put(PutRequest(key: "k".bytes, lease: 0, ignoreValue: true))
            let kv = try store.get("k").kvs.first
            #expect(kv?.value == "v2".bytes && kv?.lease == 0 && kv?.version == 3)
            #expect(store.leaseTimeToLive(id: 9, keys: true).keys.isEmpty)
        }
    }

    @Test func deleteRangeCountsAndReturnsPrevKvs() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            for key in ["a", "b", "c", "d"] { try await store.put(key, key + "!") }
            let response = try await store.delete("b", rangeEnd: "d", prevKv: true)
            #expect(response.deleted == 2 && response.header?.revision == 6)
            #expect(summary(response.prevKvs) == ["b=b!@3/3/1", "c=c!@4/4/1"])
            let plain = try await store.delete("a")
            #expect(plain.deleted == 1 && plain.prevKvs.isEmpty && plain.header?.revision == 7)
            #expect(try store.get("\0", rangeEnd: "\0").kvs.map(\.key.string) == ["d"])
        }
    }

    @Test func deletingNothingKeepsTheRevision() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await store.put("a", "1")
            let response = try await store.delete("zzz", rangeEnd: "\0")
            #expect(response.deleted == 0 && response.header?.revision == 2)
            #expect(store.currentRevision == 2)
            #expect(await etcdError { try await store.delete("") } == .keyNotProvided)
        }
    }
}
