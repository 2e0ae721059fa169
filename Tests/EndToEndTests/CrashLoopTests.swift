import Foundation
import Testing

extension CairndProcessTests {
    /// SIGKILL `cairnd` at random moments while writers run; after every restart each acknowledged write must be
    /// there with the revision it was acknowledged at. `CAIRN_CRASH_CYCLES` raises the cycle count
    /// (Tests/Crash/crash-loop.sh runs 1,000).
    @Suite struct CrashLoopTests {
        static let cycles = ProcessInfo.processInfo.environment["CAIRN_CRASH_CYCLES"].flatMap(Int.init) ?? 20

        @Test func killNineLosesNoAcknowledgedWrite() async throws {
            try await withCairnd("crash", started: false) { cairnd in
                let etcdctl = Etcdctl(cairnd)
                var history = WriteLedger()
                var generator = SystemRandomNumberGenerator()
                for cycle in 0..<Self.cycles {
                    try await cairnd.start()
                    let load = WriteLoad(port: cairnd.port, writerCount: 4, tag: "c\(cycle)")
                    try await load.waitForSteps(Int.random(in: 1...400, using: &generator))
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...20, using: &generator)))
                    await cairnd.kill()
                    let ledger = await load.stop()

                    try await cairnd.start()
                    let dump = try await StoreDump.read(etcdctl)
                    var violations = ledger.violations(in: dump)
                    history.merge(ledger)
                    if cycle % 10 == 9 || cycle == Self.cycles - 1 {
                        violations += history.violations(in: dump)
                    }
                    let leases = try await etcdctl.output("lease", "list")
                    for lease in ledger.acknowledgedLeases
                    where !leases.contains(leaseHex(lease)) {
                        violations.append("acknowledged lease \(lease) missing after restart")
                    }
                    try #require(violations.isEmpty, "cycle \(cycle): \(violations.prefix(20).joined(separator: "\n"))")
                    await cairnd.kill()
                }
                #expect(history.acknowledgedCount > Self.cycles)
            }
        }
    }
}
