import CairnServer
import CairnWire
import Testing

@Suite struct KVServiceTests {
    @Test func topLevelHeadersAreCompleteAndTxnSubHeadersCarryOnlyTheRevision() async throws {
        try await withFixture { fixture in
            let identity = fixture.headers.identity
            let put = try await fixture.put("a", "1")
            #expect(
                put.header
                    == ResponseHeader(
                        clusterID: identity.clusterID, memberID: identity.memberID, revision: 2, raftTerm: 2))
            let range = try fixture.kv.range(RangeRequest(key: Array("a".utf8))).immediate()
            #expect(range.header?.revision == 2 && range.header?.memberID == identity.memberID)
            #expect(range.kvs.first?.value == Array("1".utf8))

            let txn = try await fixture.kv.txn(
                TxnRequest(success: [RequestOp(request: .put(PutRequest(key: Array("b".utf8), value: [1])))]))
            #expect(txn.header?.clusterID == identity.clusterID && txn.header?.revision == 3)
            guard case .put(let inner) = txn.responses.first?.response else {
                Issue.record("expected a put response")
                return
            }
            #expect(inner.header == ResponseHeader(revision: 3))

            let deleted = try await fixture.kv.deleteRange(DeleteRangeRequest(key: Array("zzz".utf8)))
            #expect(deleted.header?.revision == 3 && deleted.header?.raftTerm == 2)
            let compacted = try await fixture.kv.compact(CompactionRequest(revision: 2))
            #expect(compacted.header?.memberID == identity.memberID)
        }
    }

    @Test func requestsAboveMaxRequestBytesAreRefusedWithEtcdsError() async throws {
        try await withFixture(maxRequestBytes: 1024) { fixture in
            await #expect(throws: EtcdError.requestTooLarge) {
                try await fixture.put("big", String(repeating: "x", count: 1100))
            }
            let big = PutRequest(key: Array("t".utf8), value: Array(repeating: 1, count: 1100))
            await #expect(throws: EtcdError.requestTooLarge) {
                try await fixture.kv.txn(TxnRequest(success: [RequestOp(request: .put(big))]))
            }
            let small = try await fixture.put("small", String(repeating: "x", count: 900))
            #expect(small.header?.revision == 2)
            #expect(fixture.services.sizeLimit.grpcReceiveLimit == 1024 + 512 * 1024)
        }
    }

    @Test func storeErrorsKeepEtcdsCodesAndMessages() async throws {
        try await withFixture { fixture in
            await #expect(throws: EtcdError.keyNotProvided) { try await fixture.put("", "v") }
            await #expect(throws: EtcdError.leaseNotFound) { try await fixture.put("k", "v", lease: 99) }
            #expect(throws: EtcdError.futureRevision) {
                try fixture.kv.range(RangeRequest(key: Array("k".utf8), revision: 100))
            }
        }
    }
}
