import CairnStore
import CairnWire
import Synchronization
import Testing

@Suite struct CommitObserverTests {
    @Test func everyRevisionOnceInOrderWithPrevKv() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            let received = Mutex<[CommittedRevision]>([])
            let token = store.subscribeCommits { commit in received.withLock { $0.append(commit) } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for round in 0..<25 { try await store.put("w\(writer)", "\(round)") }
                    }
                }
                try await group.waitForAll()
            }
            _ = try await store.leaseGrant(id: 1, ttl: 10)
            _ = try await store.delete("w0")
            token.cancel()
            try await store.put("after", "cancel")
            let commits = received.withLock { $0 }
            #expect(commits.map(\.revision) == Array(2...202))
            let last = commits.last!
            #expect(last.events.count == 1 && last.events[0].type == .delete)
            #expect(last.events[0].prevKv?.value == "24".bytes)
            let puts = commits.dropLast().flatMap(\.events)
            #expect(puts.allSatisfy { ($0.kv!.version == 1) == ($0.prevKv == nil) })
            #expect(puts.allSatisfy { $0.prevKv == nil || $0.prevKv!.version + 1 == $0.kv!.version })
        }
    }

    @Test func concurrentWritersWithFsyncAreAllAcknowledged() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory.path))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<32 {
                group.addTask { for round in 0..<4 { try await store.put("w\(writer)", "\(round)") } }
            }
            try await group.waitForAll()
        }
        #expect(store.currentRevision == 129)
        #expect(try store.get("w", rangeEnd: "x").kvs.map(\.value.string) == Array(repeating: "3", count: 32))
        try await store.close()
    }
}
