import CairnServer
import CairnWire
import Testing

@Suite struct QuotaAndAlarmTests {
    @Test func exceedingTheQuotaRaisesNospaceAndRefusesWritesUntilDisarmed() async throws {
        try await withFixture(quotaBackendBytes: 4096) { fixture in
            try await fixture.put("k", "small")
            await #expect(throws: EtcdError.databaseSpaceExceeded) {
                try await fixture.put("big", String(repeating: "x", count: 5000))
            }
            #expect(fixture.services.alarms.alarms == [.nospace])
            // While NOSPACE is active even small writes and lease grants fail; deletes and reads still work.
            await #expect(throws: EtcdError.databaseSpaceExceeded) { try await fixture.put("k2", "v") }
            await #expect(throws: EtcdError.databaseSpaceExceeded) {
                try await fixture.lease.grant(LeaseGrantRequest(ttl: 10))
            }
            let deleted = try await fixture.kv.deleteRange(DeleteRangeRequest(key: Array("k".utf8)))
            #expect(deleted.deleted == 1)
            let readOnly = TxnRequest(success: [RequestOp(request: .range(RangeRequest(key: Array("k".utf8))))])
            #expect(try await fixture.kv.txn(readOnly).succeeded)

            let listed = try await fixture.maintenance.alarm(AlarmRequest(action: .get))
            #expect(listed.alarms.map(\.alarm) == [.nospace])
            #expect(listed.alarms.first?.memberID == fixture.headers.identity.memberID)
            let status = try await fixture.maintenance.status(StatusRequest())
            #expect(status.errors.count == 1 && status.errors[0].contains("NOSPACE"))
            #expect(fixture.services.healthProblems().map(\.name) == ["NOSPACE"])

            let disarmed = try await fixture.maintenance.alarm(AlarmRequest(action: .deactivate, alarm: .nospace))
            #expect(disarmed.alarms.map(\.alarm) == [.nospace])
            #expect(fixture.services.alarms.alarms.isEmpty)
            try await fixture.put("k3", "v")
        }
    }

    @Test func alarmsCanBeActivatedAndListed() async throws {
        try await withFixture { fixture in
            #expect(try await fixture.maintenance.alarm(AlarmRequest(action: .get)).alarms.isEmpty)
            _ = try await fixture.maintenance.alarm(AlarmRequest(action: .activate, alarm: .corrupt))
            #expect(try await fixture.maintenance.alarm(AlarmRequest(action: .get)).alarms.map(\.alarm) == [.corrupt])
            let none = try await fixture.maintenance.alarm(AlarmRequest(action: .deactivate, alarm: .nospace))
            #expect(none.alarms.isEmpty)
        }
    }
}
