import CairnGRPC
import CairnServer
import CairnWire
import Testing

@Suite struct MaintenanceAndClusterTests {
    @Test func statusReportsLeaderVersionSizeAndIndexes() async throws {
        try await withFixture { fixture in
            try await fixture.put("a", "1")
            let status = try await fixture.maintenance.status(StatusRequest())
            #expect(status.version == "3.5.17")
            #expect(status.leader == fixture.headers.identity.memberID && status.leader != 0)
            #expect(status.header?.revision == 2 && status.raftIndex == 2 && status.raftAppliedIndex == 2)
            #expect(status.raftTerm == 2 && status.dbSize > 0 && status.dbSizeInUse <= status.dbSize)
            #expect(status.errors.isEmpty)
        }
    }

    @Test func hashKVFollowsTheMVCCStateNotTheFiles() async throws {
        let hashes = try await withFixture(name: "one") { one in
            try await withFixture(name: "two") { two in
                for fixture in [one, two] {
                    try await fixture.put("a", "1")
                    try await fixture.put("b", "2")
                }
                let first = try await one.maintenance.hashKV(HashKVRequest())
                let second = try await two.maintenance.hashKV(HashKVRequest())
                #expect(first.hash == second.hash)
                #expect(first.compactRevision == -1)
                let atTwo = try await one.maintenance.hashKV(HashKVRequest(revision: 2))
                try await one.put("b", "3")
                let changed = try await one.maintenance.hashKV(HashKVRequest())
                #expect(try await one.maintenance.hashKV(HashKVRequest(revision: 2)).hash == atTwo.hash)
                return (first.hash, atTwo.hash, changed.hash)
            }
        }
        #expect(hashes.0 != hashes.1 && hashes.0 != hashes.2)
    }

    @Test func memberListReportsThisMemberWithoutARevision() async throws {
        try await withFixture(name: "node-a") { fixture in
            let response = try await ClusterService(headers: fixture.headers).memberList(MemberListRequest())
            #expect(response.header?.revision == 0 && response.header?.raftTerm == 2)
            #expect(response.header?.memberID == fixture.headers.identity.memberID)
            #expect(response.members.count == 1)
            #expect(response.members.first?.name == "node-a")
            #expect(response.members.first?.id == fixture.headers.identity.memberID)
            #expect(response.members.first?.clientURLs == ["http://127.0.0.1:2379"])
            #expect(response.members.first?.peerURLs == [MemberIdentity.defaultPeerURL])
        }
    }

    @Test func memberIdentityIsStableAndNonZero() {
        let first = MemberIdentity(name: "a", clientURLs: ["http://127.0.0.1:2379"])
        #expect(first == MemberIdentity(name: "a", clientURLs: ["http://127.0.0.1:2379"]))
        #expect(first.memberID != 0 && first.clusterID != 0 && first.memberID != first.clusterID)
        #expect(first.memberID != MemberIdentity(name: "b", clientURLs: ["http://127.0.0.1:2379"]).memberID)
        #expect(first.memberID != MemberIdentity(name: "a", clientURLs: ["http://127.0.0.1:2380"]).memberID)
    }

    @Test func healthCheckAnswersOverGRPC() async throws {
        try await withFixture { fixture in
            let serving: HealthCheckResponse = try await fixture.client.unary(
                path: "/grpc.health.v1.Health/Check", request: HealthCheckRequest())
            #expect(serving.status == .serving)
            await #expect(throws: GRPCStatus(code: .notFound, message: "unknown service")) {
                let _: HealthCheckResponse = try await fixture.client.unary(
                    path: "/grpc.health.v1.Health/Check", request: HealthCheckRequest(service: "nope"))
            }
            await #expect(
                throws: GRPCStatus(
                    code: .unimplemented, message: "unknown method Snapshot for service etcdserverpb.Maintenance")
            ) {
                let _: StatusResponse = try await fixture.client.unary(
                    path: "/etcdserverpb.Maintenance/Snapshot", request: StatusRequest())
            }
        }
    }
}
