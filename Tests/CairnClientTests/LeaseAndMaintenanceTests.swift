import CairnClient
import CairnWire
import Testing

@Suite("EtcdClient lease, maintenance and cluster calls against a real server")
struct LeaseAndMaintenanceTests {
    @Test func leaseLifecycleAndKeepAlive() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try await server.client()
        defer { Task { await client.close() } }

        let lease = try await client.grantLease(ttl: 30)
        #expect(lease.ttl == 30 && lease.id != 0)
        try await client.put("lk", value: "v", options: PutOptions(lease: lease.id))
        let info = try await client.leaseTimeToLive(id: lease.id, keys: true)
        #expect(info.grantedTTL == 30 && info.keys == [Array("lk".utf8)])
        #expect(try await client.leases().leases.map(\.id).contains(lease.id))

        // A 5 s lease is renewed every 5/3 s: two renewals take under two seconds, and a loaded
        // machine's stall does not let the lease lapse between them.
        let short = try await client.grantLease(ttl: 5)
        var renewals = 0
        for try await response in client.keepAlive(id: short.id) {
            #expect(response.id == short.id && response.ttl == 5)
            renewals += 1
            if renewals == 2 { break }
        }
        #expect(try await client.keepAliveOnce(id: lease.id).ttl == 30)

        try await client.revokeLease(id: lease.id)
        #expect(try await client.get("lk").kvs.isEmpty)
        #expect(try await client.leaseTimeToLive(id: lease.id).ttl == -1)
        await #expect(throws: EtcdClientError.leaseExpired(id: lease.id)) {
            try await client.keepAliveOnce(id: lease.id)
        }
        do {
            try await client.revokeLease(id: lease.id)
            Issue.record("revoking a revoked lease succeeded")
        } catch {
            #expect(error.etcdError == .leaseNotFound)
        }
    }

    @Test func keepAliveStreamEndsWhenLeaseIsRevoked() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try await server.client()
        defer { Task { await client.close() } }

        let lease = try await client.grantLease(ttl: 2)
        var stream = client.keepAlive(id: lease.id).makeAsyncIterator()
        _ = try await stream.next()
        try await client.revokeLease(id: lease.id)
        await #expect(throws: EtcdClientError.leaseExpired(id: lease.id)) {
            while try await stream.next() != nil {}
        }
    }

    @Test func statusMembersAlarmsAndFailover() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try await server.client()
        defer { Task { await client.close() } }

        let status = try await client.status()
        #expect(!status.version.isEmpty)
        #expect(status.leader == status.header?.memberID)
        let members = try await client.memberList()
        #expect(members.members.count == 1)
        #expect(members.members.first?.clientURLs == ["http://\(server.endpoint)"])
        #expect(try await client.alarms().alarms.isEmpty)
        #expect(try await client.disarmAlarm().alarms.isEmpty)
        try await client.defragment()

        let unused = try TestServer.freePort()
        let failover = try EtcdClient(endpoints: ["127.0.0.1:\(unused)", server.endpoint])
        defer { Task { await failover.close() } }
        try await client.put("f", value: "ok")
        #expect(try await failover.get("f").kvs.first?.value == Array("ok".utf8))
    }
}
