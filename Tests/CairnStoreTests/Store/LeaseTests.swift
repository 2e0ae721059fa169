import CairnStore
import CairnWire
import Synchronization
import Testing

@Suite struct LeaseTests {
    @Test func grantRules() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            let chosen = try await store.leaseGrant(id: 0, ttl: 10)
            #expect(chosen.id > 0 && chosen.ttl == 10)
            let other = try await store.leaseGrant(id: 0, ttl: 10)
            #expect(other.id > 0 && other.id != chosen.id)
            #expect(try await store.leaseGrant(id: -7, ttl: 1) == (-7, 2))
            #expect(try await store.leaseGrant(id: 8, ttl: 0) == (8, 2))
            #expect(await etcdError { _ = try await store.leaseGrant(id: 8, ttl: 5) } == .leaseExists)
            #expect(await etcdError { _ = try await store.leaseGrant(id: 9, ttl: 9_000_000_001) } == .leaseTTLTooLarge)
            #expect(try await store.leaseGrant(id: 9, ttl: 9_000_000_000).ttl == 9_000_000_000)
            #expect(store.currentRevision == 1)
            #expect(Set(store.leaseList()) == [chosen.id, other.id, -7, 8, 9])
        }
    }

    @Test func revokeDeletesAttachedKeysInOneRevision() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            let lease = try await store.leaseGrant(id: 1, ttl: 30)
            try await store.put("b", "1", lease: lease.id)
            try await store.put("a", "1", lease: lease.id)
            try await store.put("c", "1")
            let recorder = CommitRecorder(store)
            #expect(try await store.leaseRevoke(id: 1) == 5)
            #expect(try store.get("\0", rangeEnd: "\0").kvs.map(\.key.string) == ["c"])
            #expect(recorder.lines == ["5: DELETE a, DELETE b"])
            #expect(await etcdError { _ = try await store.leaseRevoke(id: 1) } == .leaseNotFound)
            _ = try await store.leaseGrant(id: 2, ttl: 30)
            #expect(try await store.leaseRevoke(id: 2) == 5)
        }
    }

    @Test func keepAliveAndTimeToLive() async throws {
        let clock = ManualClock()
        try await withStore(clock: clock) { (store: EmbeddedStore) async throws in
            _ = try await store.leaseGrant(id: 3, ttl: 10)
            try await store.put("k2", "v", lease: 3)
            try await store.put("k1", "v", lease: 3)
            clock.advance(seconds: 4.5)
            let live = store.leaseTimeToLive(id: 3, keys: true)
            #expect(live.id == 3 && live.ttl == 5 && live.grantedTTL == 10)
            #expect(live.keys.map(\.string) == ["k1", "k2"])
            #expect(store.leaseTimeToLive(id: 3, keys: false).keys.isEmpty)
            #expect(store.leaseKeepAlive(id: 3) == 10)
            clock.advance(seconds: 0.5)
            #expect(store.leaseTimeToLive(id: 3, keys: false).ttl == 9)
            #expect(store.leaseKeepAlive(id: 4) == 0)
            let unknown = store.leaseTimeToLive(id: 4, keys: true)
            #expect(unknown.id == 4 && unknown.ttl == -1 && unknown.grantedTTL == 0)
        }
    }

    @Test func expiryRevokesWithinATickOfTheDeadline() async throws {
        let clock = ManualClock()
        try await withStore(clock: clock) { (store: EmbeddedStore) async throws in
            _ = try await store.leaseGrant(id: 1, ttl: 5)
            _ = try await store.leaseGrant(id: 2, ttl: 20)
            try await store.put("x/1", "v", lease: 1)
            try await store.put("x/2", "v", lease: 1)
            try await store.put("y", "v", lease: 2)
            let commits = AsyncCommitStream(store)
            clock.advance(seconds: 4.9)
            try await store.expireDueLeases()
            #expect(store.leaseList().count == 2)
            // Keep-alive on an expired but not yet revoked lease answers 0.
            clock.advance(seconds: 0.1)
            #expect(store.leaseKeepAlive(id: 1) == 0)
            // The expiry loop (a 50 ms tick on the same clock) revokes it, at the latest on its next tick.
            await clock.waitForSleeper()
            clock.advance(seconds: 0.05)
            let revision = await commits.next()
            #expect(revision?.revision == 5)
            #expect(
                revision?.events.map { "\($0.type == .delete ? "DELETE" : "PUT") \($0.kv!.key.string)" } == [
                    "DELETE x/1", "DELETE x/2",
                ])
            #expect(store.leaseList() == [2])
            #expect(store.leaseKeepAlive(id: 2) == 20)
        }
    }

    @Test func massExpiryIsBatchedAndComplete() async throws {
        let clock = ManualClock()
        try await withStore(clock: clock) { (store: EmbeddedStore) async throws in
            for id in 1...600 {
                _ = try await store.leaseGrant(id: Int64(id), ttl: 2)
            }
            for id in stride(from: 1, through: 600, by: 3) {
                try await store.put("k\(id)", "v", lease: Int64(id))
            }
            clock.advance(seconds: 2)
            try await store.expireDueLeases()
            #expect(store.leaseList().isEmpty)
            #expect(try store.get("\0", rangeEnd: "\0").count == 0)
            #expect(store.currentRevision == 1 + 200 + 200)
        }
    }
}

/// Records committed revisions as text lines (`rev: TYPE key, ...`).
final class CommitRecorder: Sendable {
    private final class Lines: Sendable {
        let value = Mutex<[String]>([])
    }

    private let recorded = Lines()
    private let token: SubscriptionToken?

    init(_ store: EmbeddedStore) {
        let recorded = self.recorded
        token = store.subscribeCommits { commit in
            let events = commit.events.map { "\($0.type == .delete ? "DELETE" : "PUT") \($0.kv!.key.string)" }
            recorded.value.withLock { $0.append("\(commit.revision): \(events.joined(separator: ", "))") }
        }
    }

    var lines: [String] { recorded.value.withLock { $0 } }

    deinit { token?.cancel() }
}

/// Committed revisions as an async sequence, for awaiting commits made by background work.
final class AsyncCommitStream: Sendable {
    private let stream: AsyncStream<CommittedRevision>
    private let token: SubscriptionToken

    init(_ store: EmbeddedStore) {
        let (stream, continuation) = AsyncStream<CommittedRevision>.makeStream()
        self.stream = stream
        token = store.subscribeCommits { continuation.yield($0) }
    }

    func next() async -> CommittedRevision? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }

    deinit { token.cancel() }
}
