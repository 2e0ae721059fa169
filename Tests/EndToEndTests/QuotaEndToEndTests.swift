import Foundation
import Testing

extension CairndProcessTests {
    /// `--quota-backend-bytes` end to end: writes past the quota raise NOSPACE, as etcdctl and /health see it.
    @Suite struct QuotaEndToEndTests {
        @Test func writesPastTheQuotaRaiseNospaceUntilDisarmed() async throws {
            try await withCairnd("quota", arguments: ["--quota-backend-bytes", "65536"]) { cairnd in
                let etcdctl = Etcdctl(cairnd)
                let value = Data(repeating: UInt8(ascii: "q"), count: 8192)
                var refusal: ProcessOutcome?
                for index in 0..<32 {
                    let outcome = try await etcdctl.run(["put", "quota/\(index)"], stdin: value)
                    if outcome.status != 0 {
                        refusal = outcome
                        break
                    }
                }
                let refused = try #require(refusal, "the quota was never enforced")
                #expect(
                    refused.combined.contains("Error: etcdserver: mvcc: database space exceeded"), "\(refused.combined)"
                )
                #expect(try await etcdctl.output("alarm", "list").contains("alarm:NOSPACE"))
                let health = try await runProcess(
                    TestEnvironment.curlPath, ["-s", "-o", "/dev/null", "-w", "%{http_code}", "\(cairnd.url)/health"],
                    in: cairnd.workDirectory)
                #expect(health.stdout == "503")
                let endpointHealth = try await etcdctl.run(["endpoint", "health"])
                #expect(endpointHealth.status == 0, "etcdctl 3.4 checks only a Range: \(endpointHealth.combined)")

                #expect(try await etcdctl.output("get", "quota/0", "--keys-only") == "quota/0")
                #expect(try await etcdctl.output("del", "quota/", "--prefix") != "0")
                _ = try await etcdctl.output("alarm", "disarm")
                #expect(try await etcdctl.output("alarm", "list") == "")
            }
        }
    }
}
