import Foundation
import Testing

extension CairndProcessTests {
    /// The HTTP/1.1 side of the client port, driven by curl as an operator (or a load balancer) would.
    @Suite struct HTTPEndpointTests {
        private func curl(_ instance: CairndInstance, _ path: String) async throws -> (code: String, body: String) {
            let outcome = try await runProcess(
                TestEnvironment.curlPath,
                ["-s", "--http1.1", "-o", "-", "-w", "\n%{http_code}", "\(instance.url)\(path)"],
                in: instance.workDirectory
            )
            var lines = outcome.stdout.components(separatedBy: "\n")
            let code = lines.popLast() ?? ""
            return (code, lines.joined(separator: "\n"))
        }

        @Test func healthVersionAndMetricsAnswerOverHTTP1() async throws {
            try await withCairnd("http") { cairnd in
                _ = try await Etcdctl(cairnd).output("put", "http/k", "v")

                let health = try await curl(cairnd, "/health")
                #expect(health.code == "200")
                let healthJSON = try JSONSerialization.jsonObject(with: Data(health.body.utf8)) as? [String: Any]
                #expect(healthJSON?["health"] as? String == "true")

                let version = try await curl(cairnd, "/version")
                #expect(version.code == "200")
                let versionJSON = try JSONSerialization.jsonObject(with: Data(version.body.utf8)) as? [String: Any]
                #expect((versionJSON?["etcdserver"] as? String)?.hasPrefix("3.5") == true, "\(version.body)")

                let metrics = try await curl(cairnd, "/metrics")
                #expect(metrics.code == "200")
                for name in ["etcd_mvcc_db_total_size_in_bytes", "etcd_server_has_leader", "grpc_server_handled_total"]
                {
                    #expect(metrics.body.contains(name), "metric \(name) missing")
                }
            }
        }
    }
}
