import Testing

/// The crash checks are only as good as the ledger's rules, so the rules themselves are pinned here.
@Suite struct WriteLedgerTests {
    private func dump(_ keys: [String: DumpedKey], revision: Int64 = 10) -> StoreDump {
        StoreDump(revision: revision, keys: keys)
    }

    private func key(_ value: String, modRevision: Int64, lease: Int64 = 0) -> DumpedKey {
        DumpedKey(value: value, createRevision: modRevision, modRevision: modRevision, version: 1, lease: lease)
    }

    @Test func acknowledgedPutMustBePresentAtItsRevision() {
        var ledger = WriteLedger()
        ledger.record("k", .present(value: "v", lease: 0), revision: 5)
        #expect(ledger.violations(in: dump(["k": key("v", modRevision: 5)])).isEmpty)
        #expect(ledger.violations(in: dump([:])).count == 1)
        #expect(ledger.violations(in: dump(["k": key("v", modRevision: 6)])).count == 1)
        #expect(ledger.violations(in: dump(["k": key("other", modRevision: 5)])).count == 1)
    }

    @Test func unacknowledgedWritesMayOrMayNotHaveLanded() {
        var ledger = WriteLedger()
        ledger.record("k", .present(value: "v", lease: 0), revision: 5)
        ledger.record("k", .absent, revision: nil)
        ledger.record("n", .present(value: "x", lease: 7), revision: nil)
        #expect(ledger.violations(in: dump(["k": key("v", modRevision: 5)])).isEmpty)
        #expect(ledger.violations(in: dump(["n": key("x", modRevision: 6, lease: 7)])).isEmpty)
        #expect(ledger.violations(in: dump(["n": key("y", modRevision: 6, lease: 7)])).count == 1)
        #expect(
            ledger.violations(in: dump(["k": key("v", modRevision: 5), "n": key("x", modRevision: 6, lease: 7)]))
                .isEmpty)
    }

    @Test func acknowledgedDeleteMustBeGoneAndRevisionMustNotGoBack() {
        var ledger = WriteLedger()
        ledger.record("k", .present(value: "v", lease: 0), revision: 5)
        ledger.record("k", .absent, revision: 6)
        #expect(ledger.violations(in: dump([:])).isEmpty)
        #expect(ledger.violations(in: dump(["k": key("v", modRevision: 5)])).count == 1)
        #expect(ledger.violations(in: dump([:], revision: 5)).count == 1)
    }
}
