import Foundation
import Testing

extension CairndProcessTests {
    /// Runs the shared etcdctl conformance suite (KV, txn, compaction, endpoint, member, watch and lease checks)
    /// against a fresh `cairnd`, exactly as it runs against a real etcd.
    @Suite struct ConformanceSuiteTests {
        @Test func etcdctlSuitePassesAgainstCairnd() async throws {
            let script = "\(TestEnvironment.sharedDirectory)/conformance/etcdctl-suite.sh"
            try #require(FileManager.default.fileExists(atPath: script), "conformance suite missing at \(script)")
            try await withCairnd("conformance") { cairnd in
                let outcome = try await runProcess(
                    "/bin/bash",
                    [script, cairnd.endpoint],
                    environment: ["ETCDCTL": TestEnvironment.etcdctlPath],
                    in: cairnd.workDirectory,
                    timeout: .seconds(240)
                )
                let lines = outcome.stdout.split(separator: "\n")
                let failures = lines.filter { $0.hasPrefix("FAIL ") }
                let summary = lines.last { $0.hasSuffix(" failed") } ?? "no summary line"
                #expect(failures.isEmpty, "\(summary)\n\(failures.joined(separator: "\n"))")
                #expect(summary.hasSuffix(" 0 failed"), "\(summary)\n\(outcome.stderr.suffix(2000))")
                #expect(outcome.status == 0)
            }
        }
    }
}
