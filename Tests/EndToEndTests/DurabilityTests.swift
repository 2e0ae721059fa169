import Foundation
import Testing

extension CairndProcessTests {
    /// Data survives restarts: a clean one (SIGTERM), one under write load, and a loop of SIGKILLs.
    @Suite struct DurabilityTests {
        @Test func restartKeepsKeysRevisionsLeasesAndCompaction() async throws {
            try await withCairnd("restart") { cairnd in
                let etcdctl = Etcdctl(cairnd)
                _ = try await etcdctl.output("put", "r/a", "1")
                _ = try await etcdctl.output("put", "r/a", "2")
                _ = try await etcdctl.output("put", "r/b", "x")
                _ = try await etcdctl.output("del", "r/b")
                let compactAt = try await StoreDump.read(etcdctl).revision
                _ = try await etcdctl.output("put", "r/c", "3")
                _ = try await etcdctl.output("compaction", "\(compactAt)")
                let grant = try await etcdctl.json("lease", "grant", "120")
                let lease = leaseHex(grant.int64("ID") ?? 0)
                _ = try await etcdctl.output("put", "r/l", "leased", "--lease=\(lease)")
                let before = try await StoreDump.read(etcdctl)

                let stopped = try await cairnd.stop()
                #expect(stopped?.status == 0, "graceful stop exit status: \(stopped?.status ?? -1)")
                try await cairnd.start()

                let after = try await StoreDump.read(etcdctl)
                #expect(after.revision == before.revision)
                #expect(after.keys == before.keys)
                let compacted = try await etcdctl.run(["get", "r/a", "--rev=\(compactAt - 1)"])
                #expect(compacted.combined.contains("required revision has been compacted"))
                let timeToLive = try await etcdctl.output("lease", "timetolive", lease, "--keys")
                #expect(timeToLive.contains("granted with TTL(120s)") && timeToLive.contains("r/l"), "\(timeToLive)")
                _ = try await etcdctl.output("put", "r/d", "after-restart")
                #expect(try await StoreDump.read(etcdctl).revision == before.revision + 1)
            }
        }

        @Test func sigtermUnderWriteLoadLosesNoAcknowledgedWrite() async throws {
            try await withCairnd("sigterm") { cairnd in
                let etcdctl = Etcdctl(cairnd)
                let load = WriteLoad(port: cairnd.port, writerCount: 4, tag: "term")
                try await load.waitForSteps(200)
                let outcome = try await cairnd.stop(timeout: .seconds(15))
                let ledger = await load.stop()
                #expect(outcome?.status == 0, "exit status after SIGTERM: \(outcome?.status ?? -1)")
                #expect(ledger.acknowledgedCount > 0)
                try await cairnd.start()
                let violations = ledger.violations(in: try await StoreDump.read(etcdctl))
                #expect(violations.isEmpty, "\(violations.prefix(20).joined(separator: "\n"))")
            }
        }
    }
}
