import CairnPostgres
import CairnStore
import CairnWire
import Testing

/// Seeded random sequences of puts, deletes, txns, compactions, lease grants and revokes and
/// ranges at old revisions, run against the PostgreSQL backend and the embedded store side by
/// side: every response and every error must be the same, and so must the event history. Midway
/// the PostgreSQL backend is replaced by a second one opened on the same database, which must
/// load the same state from the log.
@Suite(.enabled(if: PostgresTestServer.available)) struct DifferentialTests {
    private static let keys = ["a", "a/b", "b", "c", "d", "e"]
    private static let leases: [Int64] = [101, 102, 103]

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func postgresBackendAnswersLikeTheEmbeddedStore(seed: UInt64) async throws {
        try await withEmbeddedStore { reference in
            try await withPostgresBackend { first, configuration in
                var random = SeededGenerator(seed: seed)
                var backend = first
                for step in 0..<300 {
                    if step == 150 {
                        let second = try await PostgresBackend.open(configuration)
                        #expect(second.currentRevision == backend.currentRevision)
                        #expect(second.compactRevision == backend.compactRevision)
                        if backend !== first { try await backend.close() }
                        backend = second
                    }
                    let operation = randomOperation(&random, current: reference.currentRevision)
                    let expected = try await operation(reference)
                    let actual = try await operation(backend)
                    #expect(actual == expected, "seed \(seed) step \(step)")
                    if actual != expected { break }
                }
                let compact = reference.compactRevision
                #expect(backend.currentRevision == reference.currentRevision)
                #expect(backend.compactRevision == compact)
                #expect(backend.leaseList().sorted() == reference.leaseList().sorted())
                let from = max(compact, 1)
                let expectedEvents = try reference.events(from: from, key: [0], rangeEnd: [0], limitRevisions: .max)
                let actualEvents = try backend.events(from: from, key: [0], rangeEnd: [0], limitRevisions: .max)
                #expect(actualEvents == expectedEvents)
                if backend !== first { try await backend.close() }
            }
        }
    }

    /// One random request, as a function that runs it on a backend and describes the outcome.
    func randomOperation(_ random: inout SeededGenerator, current: Int64)
        -> (any KeyValueBackend) async throws -> String
    {
        let key = Self.keys.randomElement(using: &random)!.bytes
        let end = randomEnd(&random)
        switch Int.random(in: 0..<14, using: &random) {
        case 0...2:
            let lease = Int.random(in: 0..<4, using: &random) == 0 ? Self.leases.randomElement(using: &random)! : 0
            let request = PutRequest(
                key: key,
                value: "v\(Int.random(in: 0..<5, using: &random))".bytes,
                lease: lease,
                prevKv: Bool.random(using: &random),
                ignoreValue: Int.random(in: 0..<8, using: &random) == 0
            )
            return { backend in "\(try await Outcome { try await backend.put(request) })" }
        case 3:
            let request = DeleteRangeRequest(key: key, rangeEnd: end, prevKv: Bool.random(using: &random))
            return { backend in "\(try await Outcome { try await backend.deleteRange(request) })" }
        case 4...6:
            let request = randomTxn(&random)
            return { backend in "\(try await Outcome { try await backend.txn(request) })" }
        case 7:
            let request = CompactionRequest(revision: Int64.random(in: 0...current + 1, using: &random))
            return { backend in "\(try await Outcome { try await backend.compact(request) })" }
        case 8:
            let id = Self.leases.randomElement(using: &random)!
            return { backend in
                let granted = try await Outcome { () async throws -> [Int64] in
                    let (id, ttl) = try await backend.leaseGrant(id: id, ttl: 3600)
                    return [id, ttl]
                }
                return "\(granted)"
            }
        case 9:
            let id = Self.leases.randomElement(using: &random)!
            return { backend in
                let revoked = try await Outcome { try await backend.leaseRevoke(id: id) }
                let live = backend.leaseTimeToLive(id: Self.leases[0], keys: true)
                return "\(revoked) \(live.grantedTTL) \(live.keys)"
            }
        default:
            let request = RangeRequest(
                key: key,
                rangeEnd: end,
                limit: Int64.random(in: 0...3, using: &random),
                revision: Int64.random(in: 0...current + 1, using: &random),
                sortOrder: .init(rawValue: Int32.random(in: 0...2, using: &random)),
                sortTarget: .init(rawValue: Int32.random(in: 0...4, using: &random)),
                keysOnly: Bool.random(using: &random),
                countOnly: Int.random(in: 0..<6, using: &random) == 0
            )
            return { backend in "\(Outcome.fromThrowing { try backend.range(request) })" }
        }
    }

    /// A range end: none, from-key, or a key after (or, rarely, before) the start.
    private func randomEnd(_ random: inout SeededGenerator) -> [UInt8] {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return []
        case 1: return [0]
        default: return (Self.keys.randomElement(using: &random)! + (Bool.random(using: &random) ? "" : "0")).bytes
        }
    }

    private func randomTxn(_ random: inout SeededGenerator) -> TxnRequest {
        var compares: [Compare] = []
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            let target = Compare.CompareTarget(rawValue: Int32.random(in: 0...4, using: &random))
            let operand: Compare.TargetUnion
            switch target {
            case .version: operand = .version(Int64.random(in: 0...3, using: &random))
            case .create: operand = .createRevision(Int64.random(in: 0...20, using: &random))
            case .mod: operand = .modRevision(Int64.random(in: 0...20, using: &random))
            case .lease: operand = .lease(Bool.random(using: &random) ? 0 : Self.leases[0])
            default: operand = .value("v\(Int.random(in: 0..<5, using: &random))".bytes)
            }
            compares.append(
                Compare(
                    result: .init(rawValue: Int32.random(in: 0...3, using: &random)),
                    target: target,
                    key: Self.keys.randomElement(using: &random)!.bytes,
                    targetUnion: operand,
                    rangeEnd: Int.random(in: 0..<5, using: &random) == 0 ? [0] : []
                )
            )
        }
        func branch(_ random: inout SeededGenerator) -> [RequestOp] {
            var ops: [RequestOp] = []
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let key = Self.keys.randomElement(using: &random)!.bytes
                switch Int.random(in: 0..<4, using: &random) {
                case 0:
                    ops.append(RequestOp(request: .put(PutRequest(key: key, value: "t".bytes, prevKv: true))))
                case 1:
                    ops.append(RequestOp(request: .deleteRange(DeleteRangeRequest(key: key, prevKv: true))))
                case 2:
                    ops.append(RequestOp(request: .range(RangeRequest(key: key, rangeEnd: [0]))))
                default:
                    let nested = TxnRequest(success: [RequestOp(request: .put(PutRequest(key: key, value: "n".bytes)))])
                    ops.append(RequestOp(request: .txn(nested)))
                }
            }
            return ops
        }
        return TxnRequest(compare: compares, success: branch(&random), failure: branch(&random))
    }
}

extension Outcome {
    /// The outcome of a synchronous call.
    static func fromThrowing(_ body: () throws -> Value) -> Outcome {
        do {
            return .value(try body())
        } catch let error as EtcdError {
            return .error(error)
        } catch {
            return .error(EtcdError(code: .unknown, message: "\(error)"))
        }
    }
}
