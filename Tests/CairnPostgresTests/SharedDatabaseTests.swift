import CairnPostgres
import CairnStore
import CairnWire
import Testing

/// Two backends on one database, as two cairnd processes would run them.
@Suite(.enabled(if: PostgresTestServer.available)) struct SharedDatabaseTests {
    /// Concurrent writes through both backends take one gap-free sequence of revisions, and a
    /// subscriber on either backend receives every revision once, in order, with its events.
    @Test func revisionsAreLinearAndEveryWatcherSeesEveryCommitInOrder() async throws {
        try await withPostgresBackend { first, configuration in
            let second = try await PostgresBackend.open(configuration)
            let writesEach = 40
            let onFirst = CommitCollector(first, after: 1)
            let onSecond = CommitCollector(second, after: 1)
            let revisions = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for (name, backend) in [("first", first), ("second", second)] {
                    group.addTask {
                        var revisions: [Int64] = []
                        for index in 0..<writesEach {
                            let request = PutRequest(key: "\(name)/\(index)".bytes, value: "\(index)".bytes)
                            revisions.append(try await backend.put(request).header!.revision)
                        }
                        return revisions
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let total = 2 * writesEach
            #expect(revisions.sorted() == Array(2...Int64(total + 1)))
            let seenByFirst = await onFirst.next(total)
            let seenBySecond = await onSecond.next(total)
            #expect(seenByFirst.map(\.revision) == Array(2...Int64(total + 1)))
            #expect(seenBySecond.map(\.revision) == seenByFirst.map(\.revision))
            #expect(seenBySecond.map(\.events) == seenByFirst.map(\.events))
            #expect(seenByFirst.allSatisfy { $0.events.count == 1 && $0.events[0].type == .put })
            onFirst.cancel()
            onSecond.cancel()
            let viaSecond = try second.range(RangeRequest(key: [0], rangeEnd: [0]))
            #expect(viaSecond.count == Int64(total))
            try await second.close()
        }
    }

    /// A txn's compare is evaluated against the state every process shares: of two processes that
    /// both try to create one key, exactly one succeeds.
    @Test func comparesSeeWritesOfTheOtherProcess() async throws {
        try await withPostgresBackend { first, configuration in
            let second = try await PostgresBackend.open(configuration)
            let create = TxnRequest(
                compare: [Compare(result: .equal, target: .create, key: "lock".bytes, targetUnion: .createRevision(0))],
                success: [RequestOp(request: .put(PutRequest(key: "lock".bytes, value: "held".bytes)))]
            )
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for backend in [first, second, first, second] {
                    group.addTask { try await backend.txn(create).succeeded }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(first.currentRevision == 2)
            try await second.close()
        }
    }

    /// A lease granted through one process takes keys and keep-alives through the other, and its
    /// revocation deletes the keys once, seen by watchers on both.
    @Test func leasesAreSharedAndRevokedOnce() async throws {
        try await withPostgresBackend { first, configuration in
            let second = try await PostgresBackend.open(configuration)
            let (id, ttl) = try await first.leaseGrant(id: 0, ttl: 60)
            #expect(ttl == 60)
            _ = try await second.put(PutRequest(key: "owned".bytes, value: "x".bytes, lease: id))
            #expect(second.leaseKeepAlive(id: id) == 60)
            #expect(second.leaseTimeToLive(id: id, keys: true).keys == ["owned".bytes])
            let onFirst = CommitCollector(first, after: 2)
            let onSecond = CommitCollector(second, after: 2)
            let revision = try await second.leaseRevoke(id: id)
            #expect(revision == 3)
            let seenByFirst = await onFirst.next(1)
            let seenBySecond = await onSecond.next(1)
            #expect(seenByFirst.map(\.revision) == [3])
            #expect(seenBySecond.map(\.events) == seenByFirst.map(\.events))
            #expect(seenByFirst.first?.events.map(\.type) == [.delete])
            #expect(try await Outcome { try await first.leaseRevoke(id: id) } == .error(.leaseNotFound))
            onFirst.cancel()
            onSecond.cancel()
            try await second.close()
        }
    }

    /// An expired lease is revoked by whichever process holds the expirer's role, exactly once.
    @Test func expiryDeletesTheKeysExactlyOnce() async throws {
        try await withPostgresBackend { first, configuration in
            let second = try await PostgresBackend.open(configuration)
            let (id, _) = try await second.leaseGrant(id: 0, ttl: 2)
            _ = try await first.put(PutRequest(key: "ephemeral".bytes, value: "x".bytes, lease: id))
            let onFirst = CommitCollector(first, after: 2)
            let onSecond = CommitCollector(second, after: 2)
            let seenByFirst = await onFirst.next(1)
            let seenBySecond = await onSecond.next(1)
            #expect(seenByFirst.map(\.revision) == [3])
            #expect(seenByFirst.first?.events.map(\.type) == [.delete])
            #expect(seenBySecond.map(\.events) == seenByFirst.map(\.events))
            #expect(try first.range(RangeRequest(key: "ephemeral".bytes)).count == 0)
            #expect(first.currentRevision == 3)
            onFirst.cancel()
            onSecond.cancel()
            try await second.close()
        }
    }
}
