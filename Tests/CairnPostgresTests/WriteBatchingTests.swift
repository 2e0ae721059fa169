import CairnPostgres
import CairnStore
import CairnWire
import Testing

/// Writes that queue up while a transaction is in flight share the next one: each still takes its
/// own revision and has its compares evaluated after the writes before it.
@Suite(.enabled(if: PostgresTestServer.available)) struct WriteBatchingTests {
    /// Concurrent compare-and-swap increments of one counter: every success read the value the
    /// previous success wrote, so the successes number exactly the final value, and a write that
    /// fails its own way (an unknown lease) fails alone.
    @Test func queuedWritesKeepTheirOrderAndTheirOwnOutcome() async throws {
        try await withPostgresBackend { backend, _ in
            _ = try await backend.put(PutRequest(key: "counter".bytes, value: "0".bytes))
            let attempts = 60
            let outcomes = try await withThrowingTaskGroup(of: (Bool, Int64).self) { group in
                for index in 0..<attempts {
                    group.addTask {
                        if index % 10 == 9 {
                            let orphan = PutRequest(key: "orphan".bytes, value: [], lease: 999)
                            #expect(try await Outcome { try await backend.put(orphan) } == .error(.leaseNotFound))
                            return (false, 0)
                        }
                        let current = try backend.range(RangeRequest(key: "counter".bytes)).kvs[0]
                        let next = Int(String(decoding: current.value, as: UTF8.self))! + 1
                        let swap = TxnRequest(
                            compare: [
                                Compare(
                                    result: .equal, target: .mod, key: "counter".bytes,
                                    targetUnion: .modRevision(current.modRevision))
                            ],
                            success: [
                                RequestOp(request: .put(PutRequest(key: "counter".bytes, value: "\(next)".bytes)))
                            ]
                        )
                        let response = try await backend.txn(swap)
                        return (response.succeeded, response.header!.revision)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let successes = outcomes.filter(\.0)
            let final = try backend.range(RangeRequest(key: "counter".bytes)).kvs[0]
            #expect(String(decoding: final.value, as: UTF8.self) == "\(successes.count)")
            #expect(successes.map(\.1).sorted() == Array(3...Int64(2 + successes.count)))
            #expect(backend.currentRevision == Int64(2 + successes.count))
        }
    }
}
