import CairnStore
import CairnWire
import Testing

@Suite struct TxnTests {
    private func compare(
        _ key: String,
        _ target: Compare.CompareTarget,
        _ result: Compare.CompareResult,
        _ operand: Compare.TargetUnion?,
        rangeEnd: String = ""
    ) -> Compare {
        Compare(result: result, target: target, key: key.bytes, targetUnion: operand, rangeEnd: rangeEnd.bytes)
    }

    private func succeeds(_ store: EmbeddedStore, _ compares: [Compare]) async throws -> Bool {
        try await store.txn(TxnRequest(compare: compares)).succeeded
    }

    @Test func comparesOnEveryTargetWithEveryResult() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            let lease = try await store.leaseGrant(id: 5, ttl: 100)
            try await store.put("k", "m", lease: lease.id)
            try await store.put("k", "m", lease: lease.id)
            // k: version 2, create 2, mod 3, value "m", lease 5.
            let cases: [(Compare.CompareTarget, Compare.TargetUnion, below: Compare.TargetUnion)] = [
                (.version, .version(2), .version(1)),
                (.create, .createRevision(2), .createRevision(1)),
                (.mod, .modRevision(3), .modRevision(2)),
                (.value, .value("m".bytes), .value("l".bytes)),
                (.lease, .lease(5), .lease(4)),
            ]
            for (target, equal, below) in cases {
                #expect(try await succeeds(store, [compare("k", target, .equal, equal)]))
                #expect(try await !succeeds(store, [compare("k", target, .notEqual, equal)]))
                #expect(try await succeeds(store, [compare("k", target, .greater, below)]))
                #expect(try await !succeeds(store, [compare("k", target, .less, below)]))
                #expect(try await succeeds(store, [compare("k", target, .notEqual, below)]))
            }
            #expect(store.currentRevision == 3)
        }
    }

    @Test func missingKeyComparesAsZeroExceptValue() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            #expect(try await succeeds(store, [compare("nokey", .version, .equal, .version(0))]))
            #expect(try await succeeds(store, [compare("nokey", .create, .equal, .createRevision(0))]))
            #expect(try await succeeds(store, [compare("nokey", .mod, .less, .modRevision(1))]))
            #expect(try await succeeds(store, [compare("nokey", .lease, .equal, .lease(0))]))
            #expect(try await !succeeds(store, [compare("nokey", .value, .notEqual, .value("x".bytes))]))
            #expect(try await !succeeds(store, [compare("nokey", .value, .equal, .value([]))]))
        }
    }

    @Test func operandOfAnotherTargetCountsAsZero() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await store.put("k", "v")
            #expect(try await succeeds(store, [compare("k", .mod, .greater, .version(100))]))
            #expect(try await succeeds(store, [compare("k", .version, .greater, nil)]))
            #expect(try await succeeds(store, [compare("k", .value, .greater, nil)]))
        }
    }

    @Test func comparesOverARange() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await store.put("r/a", "1")
            try await store.put("r/b", "1")
            try await store.put("s", "2")
            #expect(try await succeeds(store, [compare("r/", .value, .equal, .value("1".bytes), rangeEnd: "r0")]))
            #expect(try await !succeeds(store, [compare("r/", .value, .equal, .value("1".bytes), rangeEnd: "\0")]))
            #expect(try await succeeds(store, [compare("r/", .create, .less, .createRevision(5), rangeEnd: "\0")]))
            #expect(try await !succeeds(store, [compare("r/", .create, .less, .createRevision(4), rangeEnd: "\0")]))
            // An empty range behaves like a missing key.
            #expect(try await succeeds(store, [compare("x", .version, .equal, .version(0), rangeEnd: "y")]))
            #expect(try await !succeeds(store, [compare("x", .value, .notEqual, .value([]), rangeEnd: "y")]))
        }
    }

    @Test func branchesAndHeaders() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await store.put("a", "1")
            try await store.put("b", "1")
            let request = TxnRequest(
                compare: [compare("a", .value, .equal, .value("1".bytes))],
                success: [Op.get("a"), Op.put("a", "2"), Op.get("a"), Op.delete("zz"), Op.delete("b"), Op.get("b")],
                failure: [Op.put("b", "x")]
            )
            let response = try await store.txn(request)
            #expect(response.succeeded && response.header?.revision == 4)
            guard response.responses.count == 6,
                case .range(let before) = response.responses[0].response,
                case .put(let put) = response.responses[1].response,
                case .range(let after) = response.responses[2].response,
                case .deleteRange(let deleteNothing) = response.responses[3].response,
                case .deleteRange(let deleteB) = response.responses[4].response,
                case .range(let gone) = response.responses[5].response
            else {
                Issue.record("unexpected responses \(response.responses)")
                return
            }
            #expect(before.header == ResponseHeader(revision: 3) && summary(before.kvs) == ["a=1@2/2/1"])
            #expect(put.header == ResponseHeader(revision: 4))
            #expect(after.header == ResponseHeader(revision: 4) && summary(after.kvs) == ["a=2@4/2/2"])
            #expect(deleteNothing.header == ResponseHeader(revision: 4) && deleteNothing.deleted == 0)
            #expect(deleteB.deleted == 1 && gone.kvs.isEmpty && gone.count == 0)
            #expect(store.currentRevision == 4)
            // The failure branch with a delete of nothing: no revision, header current.
            let failed = try await store.txn(
                TxnRequest(compare: [compare("b", .version, .greater, .version(0))], failure: [Op.delete("q")])
            )
            #expect(!failed.succeeded && failed.header?.revision == 4)
            guard case .deleteRange(let noop) = failed.responses.first?.response else {
                Issue.record("missing delete response")
                return
            }
            #expect(noop.header == ResponseHeader(revision: 4))
            #expect(try await store.txn(TxnRequest()).succeeded)
            #expect(store.currentRevision == 4)
        }
    }

    @Test func nestedTxnsShareOneRevisionAndCarryAnEmptyHeader() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await store.put("x", "1")
            let request = TxnRequest(
                success: [
                    Op.put("a", "1"),
                    Op.txn([compare("x", .value, .equal, .value("1".bytes))], success: [Op.put("b", "1")]),
                    Op.txn(
                        [compare("a", .version, .greater, .version(0))], success: [Op.put("c", "1")],
                        failure: [Op.put("d", "1")]),
                ]
            )
            let response = try await store.txn(request)
            #expect(response.header?.revision == 3)
            guard case .txn(let first) = response.responses[1].response,
                case .txn(let second) = response.responses[2].response
            else {
                Issue.record("missing nested responses")
                return
            }
            #expect(first.header == ResponseHeader() && first.succeeded)
            // Nested compares see the state before the txn, where "a" did not exist yet.
            #expect(second.header == ResponseHeader() && !second.succeeded)
            #expect(
                try store.get("\0", rangeEnd: "\0").kvs.map { "\($0.key.string)@\($0.modRevision)" } == [
                    "a@3", "b@3", "d@3", "x@2",
                ])
        }
    }

    @Test func staticChecksInOrder() async throws {
        try await withStore(maxTxnOps: 2) { (store: EmbeddedStore) async throws in
            func error(_ request: TxnRequest) async -> EtcdError? {
                await etcdError { _ = try await store.txn(request) }
            }
            let three = [Op.get("a"), Op.get("b"), Op.get("c")]
            #expect(await error(TxnRequest(compare: [Compare()], success: three)) == .tooManyOperations)
            #expect(await error(TxnRequest(compare: [Compare()], success: [Op.delete("")])) == .keyNotProvided)
            #expect(
                await error(TxnRequest(success: [Op.get("")], failure: [Op.put("a", "1"), Op.put("a", "2")]))
                    == .keyNotProvided)
            #expect(await error(TxnRequest(success: [RequestOp()])) == .keyNotFound)
            let valueProvided = RequestOp(
                request: .put(PutRequest(key: "k".bytes, value: "v".bytes, ignoreValue: true)))
            #expect(await error(TxnRequest(failure: [valueProvided])) == .valueProvided)
            #expect(await error(TxnRequest(success: [Op.put("a", "1"), Op.put("a", "2")])) == .duplicateKey)
            // Nested budgets: the nested txn may use only what the parent left.
            let nested = Op.txn(success: [Op.get("x"), Op.get("y")])
            #expect(await error(TxnRequest(success: [nested])) == .tooManyOperations)
            #expect(await error(TxnRequest(success: [Op.txn(success: [Op.get("x")])])) == nil)
        }
    }

    @Test func duplicateKeyRule() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            func error(_ success: [RequestOp]) async -> EtcdError? {
                await etcdError { _ = try await store.txn(TxnRequest(success: success)) }
            }
            #expect(await error([Op.put("a", "1"), Op.put("a", "2")]) == .duplicateKey)
            #expect(await error([Op.put("a", "1"), Op.delete("a")]) == .duplicateKey)
            #expect(await error([Op.delete("a", rangeEnd: "c"), Op.put("b", "1")]) == .duplicateKey)
            #expect(await error([Op.delete("a", rangeEnd: "\0"), Op.put("z", "1")]) == .duplicateKey)
            #expect(await error([Op.delete("a", rangeEnd: "c"), Op.put("c", "1")]) == nil)
            #expect(await error([Op.delete("a", rangeEnd: "c"), Op.delete("b")]) == nil)
            #expect(await error([Op.put("a", "1"), Op.txn(success: [Op.put("a", "2")])]) == .duplicateKey)
            #expect(await error([Op.delete("a"), Op.txn(success: [Op.put("a", "2")])]) == .duplicateKey)
            #expect(await error([Op.txn(success: [Op.delete("a")]), Op.put("a", "2")]) == .duplicateKey)
            #expect(await error([Op.txn(success: [Op.put("a", "1")], failure: [Op.put("a", "2")])]) == nil)
            #expect(
                await error([Op.txn(success: [Op.put("a", "1")]), Op.txn(success: [Op.put("a", "2")])]) == .duplicateKey
            )
            // success and failure of the top-level txn are independent.
            let split = TxnRequest(success: [Op.put("a", "1")], failure: [Op.put("a", "2")])
            #expect(await etcdError { _ = try await store.txn(split) } == nil)
        }
    }

    @Test func runtimeChecksApplyNothing() async throws {
        try await withStore { (store: EmbeddedStore) async throws in
            try await store.put("a", "1")
            func error(_ success: [RequestOp]) async -> EtcdError? {
                await etcdError { _ = try await store.txn(TxnRequest(success: success)) }
            }
            let ignore = RequestOp(request: .put(PutRequest(key: "missing".bytes, ignoreValue: true)))
            #expect(await error([Op.put("b", "1"), ignore]) == .keyNotFound)
            #expect(await error([Op.put("b", "1"), Op.put("c", "1", lease: 42)]) == .leaseNotFound)
            let future = RequestOp(request: .range(RangeRequest(key: "a".bytes, revision: 3)))
            #expect(await error([Op.put("b", "1"), future]) == .futureRevision)
            // The failure branch is not checked when the success branch runs.
            let ok = TxnRequest(success: [Op.get("a")], failure: [Op.put("c", "1", lease: 42)])
            #expect(try await store.txn(ok).succeeded)
            #expect(store.currentRevision == 2)
            #expect(try store.get("b").count == 0)
        }
    }
}
