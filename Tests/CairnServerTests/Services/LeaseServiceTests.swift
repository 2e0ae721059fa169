import CairnGRPC
import CairnServer
import CairnWire
import Testing

@Suite struct LeaseServiceTests {
    @Test func grantTimeToLiveListAndRevokeCarryCompleteHeaders() async throws {
        try await withFixture { fixture in
            let memberID = fixture.headers.identity.memberID
            // A TTL below the minimum is raised to it (2 s); that lease may expire while a loaded machine
            // runs the rest, so the checks below use a long one.
            let short = try await fixture.lease.grant(LeaseGrantRequest(ttl: 1, id: 41))
            #expect(short.id == 41 && short.ttl == 2 && short.error.isEmpty && short.header?.memberID == memberID)
            let grant = try await fixture.lease.grant(LeaseGrantRequest(ttl: 60, id: 42))
            #expect(grant.id == 42 && grant.ttl == 60 && grant.error.isEmpty && grant.header?.memberID == memberID)
            await #expect(throws: EtcdError.leaseExists) {
                try await fixture.lease.grant(LeaseGrantRequest(ttl: 5, id: 42))
            }
            try await fixture.put("k", "v", lease: 42)

            let live = try fixture.lease.timeToLive(LeaseTimeToLiveRequest(id: 42, keys: true)).immediate()
            #expect(live.grantedTTL == 60 && live.keys == [Array("k".utf8)] && live.header?.memberID == memberID)
            let unknown = try fixture.lease.timeToLive(LeaseTimeToLiveRequest(id: 7)).immediate()
            #expect(unknown.ttl == -1 && unknown.grantedTTL == 0 && unknown.id == 7)
            let listed = try fixture.lease.leases(LeaseLeasesRequest()).immediate().leases.map(\.id)
            #expect(listed.filter { $0 != 41 } == [42])

            let revoked = try await fixture.lease.revoke(LeaseRevokeRequest(id: 42))
            #expect(revoked.header?.revision == 3 && revoked.header?.raftTerm == 2)
            #expect(try fixture.kv.range(RangeRequest(key: Array("k".utf8))).immediate().kvs.isEmpty)
            await #expect(throws: EtcdError.leaseNotFound) {
                try await fixture.lease.revoke(LeaseRevokeRequest(id: 42))
            }
        }
    }

    @Test func keepAliveAnswersEveryRequestInOrderAndEndsOKAtHalfClose() async throws {
        try await withFixture { fixture in
            var ids: [Int64] = []
            for _ in 0..<50 { ids.append(try await fixture.lease.grant(LeaseGrantRequest(ttl: 30)).id) }
            let requests = ids + [0x1234] + ids
            let call: GRPCBidirectionalCall<LeaseKeepAliveRequest, LeaseKeepAliveResponse> =
                try await fixture.client.bidirectional(path: "/etcdserverpb.Lease/LeaseKeepAlive")
            for id in requests { try await call.send(LeaseKeepAliveRequest(id: id)) }
            call.finish()
            var responses: [LeaseKeepAliveResponse] = []
            for try await response in call.responses { responses.append(response) }
            #expect(responses.map(\.id) == requests)
            #expect(responses.map(\.ttl) == requests.map { $0 == 0x1234 ? 0 : 30 })
            #expect(responses.allSatisfy { $0.header?.memberID == fixture.headers.identity.memberID })
        }
    }
}
