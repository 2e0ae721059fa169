import CairnStore
import CairnWire
import Testing

@Suite struct RangeTests {
    /// p/a=3 (rev 2), p/b=1 (rev 3), p/c=2 (rev 4), then p/a rewritten (rev 5), q=0 (rev 6).
    private func seed(_ store: EmbeddedStore) async throws {
        try await store.put("p/a", "3")
        try await store.put("p/b", "1")
        try await store.put("p/c", "2")
        try await store.put("p/a", "3")
        try await store.put("q", "0")
    }

    @Test func emptyStoreIsAtRevisionOne() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            let response = try store.get("a")
            #expect(response.header?.revision == 1)
            #expect(response.kvs.isEmpty && response.count == 0 && !response.more)
            #expect(store.currentRevision == 1)
            #expect(store.compactRevision == -1)
        }
    }

    @Test func emptyKeyIsRejected() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            #expect(throws: EtcdError.keyNotProvided) { try store.range(RangeRequest()) }
        }
    }

    @Test func singleKeyPrefixAndFromKey() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await seed(store)
            #expect(summary(try store.get("p/b").kvs) == ["p/b=1@3/3/1"])
            #expect(summary(try store.get("p/").kvs).isEmpty)
            #expect(try store.get("p/", rangeEnd: "p0").kvs.map(\.key.string) == ["p/a", "p/b", "p/c"])
            #expect(try store.get("p/b", rangeEnd: "\0").kvs.map(\.key.string) == ["p/b", "p/c", "q"])
            #expect(try store.get("\0", rangeEnd: "\0").count == 4)
            #expect(try store.get("q", rangeEnd: "p").count == 0)
            #expect(summary(try store.get("p/a").kvs) == ["p/a=3@5/2/2"])
        }
    }

    @Test func unsignedByteOrder() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            for key in [[0xff], [0x80, 0x01], [0x7f], [0x00, 0x01], [0x80]] as [[UInt8]] {
                _ = try await store.put(PutRequest(key: key, value: []))
            }
            let all = try store.range(RangeRequest(key: [0], rangeEnd: [0]))
            #expect(all.kvs.map(\.key) == [[0x00, 0x01], [0x7f], [0x80], [0x80, 0x01], [0xff]])
        }
    }

    @Test func limitSetsMoreAndCountIgnoresIt() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await seed(store)
            let response = try store.range(RangeRequest(key: "p/".bytes, rangeEnd: "p0".bytes, limit: 2))
            #expect(response.kvs.map(\.key.string) == ["p/a", "p/b"])
            #expect(response.more && response.count == 3)
            let exact = try store.range(RangeRequest(key: "p/".bytes, rangeEnd: "p0".bytes, limit: 3))
            #expect(!exact.more && exact.kvs.count == 3)
        }
    }

    @Test func sortTargetsAndOrders() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await seed(store)
            func keys(_ order: RangeRequest.SortOrder, _ target: RangeRequest.SortTarget) throws -> [String] {
                try store.range(
                    RangeRequest(key: "p/".bytes, rangeEnd: "p0".bytes, sortOrder: order, sortTarget: target)
                ).kvs.map(\.key.string)
            }
            #expect(try keys(.none, .key) == ["p/a", "p/b", "p/c"])
            #expect(try keys(.ascend, .key) == ["p/a", "p/b", "p/c"])
            #expect(try keys(.descend, .key) == ["p/c", "p/b", "p/a"])
            #expect(try keys(.ascend, .value) == ["p/b", "p/c", "p/a"])
            #expect(try keys(.descend, .value) == ["p/a", "p/c", "p/b"])
            // NONE with a target other than KEY sorts ascending.
            #expect(try keys(.none, .value) == ["p/b", "p/c", "p/a"])
            #expect(try keys(.none, .mod) == ["p/b", "p/c", "p/a"])
            #expect(try keys(.descend, .mod) == ["p/a", "p/c", "p/b"])
            #expect(try keys(.ascend, .create) == ["p/a", "p/b", "p/c"])
            #expect(try keys(.descend, .create) == ["p/c", "p/b", "p/a"])
            // Ties (versions 2, 1, 1) keep key order.
            #expect(try keys(.ascend, .version) == ["p/b", "p/c", "p/a"])
            #expect(try keys(.descend, .version) == ["p/a", "p/b", "p/c"])
        }
    }

    @Test func sortThenLimit() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await seed(store)
            let response = try store.range(
                RangeRequest(key: "p/".bytes, rangeEnd: "p0".bytes, limit: 1, sortOrder: .descend, sortTarget: .key)
            )
            #expect(response.kvs.map(\.key.string) == ["p/c"])
            #expect(response.more && response.count == 3)
        }
    }

    @Test func keysOnlyAndCountOnly() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await seed(store)
            let keysOnly = try store.range(RangeRequest(key: "p/".bytes, rangeEnd: "p0".bytes, keysOnly: true))
            #expect(keysOnly.kvs.map(\.value) == [[], [], []])
            #expect(keysOnly.kvs.map(\.modRevision) == [5, 3, 4])
            let countOnly = try store.range(
                RangeRequest(key: "p/".bytes, rangeEnd: "p0".bytes, limit: 1, countOnly: true)
            )
            #expect(countOnly.kvs.isEmpty && countOnly.count == 3 && !countOnly.more)
        }
    }

    @Test func revisionFiltersPruneButDoNotChangeCount() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await seed(store)
            func keys(_ request: RangeRequest) throws -> ([String], Int64) {
                let response = try store.range(request)
                return (response.kvs.map(\.key.string), response.count)
            }
            let base = RangeRequest(key: "p/".bytes, rangeEnd: "p0".bytes)
            var request = base
            request.minModRevision = 4
            #expect(try keys(request) == (["p/a", "p/c"], 3))
            request = base
            request.maxModRevision = 3
            #expect(try keys(request) == (["p/b"], 3))
            request = base
            request.minCreateRevision = 3
            #expect(try keys(request) == (["p/b", "p/c"], 3))
            request = base
            request.maxCreateRevision = 2
            #expect(try keys(request) == (["p/a"], 3))
            request = base
            request.minModRevision = 4
            request.limit = 1
            let limited = try store.range(request)
            #expect(limited.kvs.map(\.key.string) == ["p/a"] && limited.more && limited.count == 3)
        }
    }

    @Test func readingAtOldRevisions() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await seed(store)
            try await store.delete("p/b")
            #expect(try store.get("p/", rangeEnd: "p0", revision: 2).kvs.map(\.key.string) == ["p/a"])
            #expect(summary(try store.get("p/a", revision: 4).kvs) == ["p/a=3@2/2/1"])
            #expect(try store.get("p/b", revision: 6).count == 1)
            #expect(try store.get("p/b").count == 0)
            let old = try store.get("p/a", revision: 3)
            #expect(old.header?.revision == 7)
            #expect(throws: EtcdError.futureRevision) { try store.get("p/a", revision: 8) }
        }
    }

    @Test func compactedRevisions() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await seed(store)
            _ = try await store.compact(CompactionRequest(revision: 4))
            #expect(throws: EtcdError.compacted) { try store.get("p/a", revision: 3) }
            #expect(summary(try store.get("p/a", revision: 4).kvs) == ["p/a=3@2/2/1"])
            #expect(try store.get("p/", rangeEnd: "p0", revision: 4).count == 3)
            #expect(summary(try store.get("p/a").kvs) == ["p/a=3@5/2/2"])
        }
    }
}
