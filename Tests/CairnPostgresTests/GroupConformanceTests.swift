import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Where the group test finds the programs it runs.
enum GroupEnvironment {
    /// The `cairnd` built beside this test bundle.
    static let cairndPath: String? = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while directory.path != "/" {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("cairnd").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()
}

/// The shared etcdctl conformance suite against cairnd processes on one PostgreSQL database: one
/// process alone, then a group of three that etcdctl spreads its calls over (writes through one,
/// reads and watches through the others).
@Suite(.enabled(if: PostgresTestServer.available && GroupEnvironment.cairndPath != nil))
struct GroupConformanceTests {
    static let suite: String = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        let shared =
            ProcessInfo.processInfo.environment["CAIRN_SHARED_DIR"] ?? root.appendingPathComponent("shared").path
        return shared + "/conformance/etcdctl-suite.sh"
    }()

    @Test(arguments: [1, 3])
    func etcdctlSuitePassesAgainstAGroupOnPostgres(processes: Int) async throws {
        try #require(FileManager.default.fileExists(atPath: Self.suite), "conformance suite missing at \(Self.suite)")
        let database = try await PostgresTestServer.shared.freshDatabase()
        let url = "postgres://\(database.username)@\(database.host):\(database.port)/\(database.database ?? "")"
        let work = NSTemporaryDirectory() + "cairn-pg-group-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: work) }
        var pids: [pid_t] = []
        defer { for pid in pids { kill(pid, SIGKILL) } }
        var endpoints: [String] = []
        for index in 0..<processes {
            let port = try PostgresTestServer.freePort()
            let command =
                "'\(GroupEnvironment.cairndPath!)' --name pg\(index) --backend '\(url)' --data-dir '\(work)/d\(index)'"
                + " --listen-client-urls http://127.0.0.1:\(port) --advertise-client-urls http://127.0.0.1:\(port)"
                + " >'\(work)/cairnd\(index).log' 2>&1 & echo $! >'\(work)/pid\(index)'"
            #expect(await PostgresTestServer.shell(command) == 0)
            let pid = try String(contentsOfFile: "\(work)/pid\(index)", encoding: .utf8)
            pids.append(pid_t(pid.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
            try await Self.waitUntilAccepting(port: port)
            endpoints.append("127.0.0.1:\(port)")
        }
        let status = await PostgresTestServer.shell(
            "/bin/bash '\(Self.suite)' \(endpoints.joined(separator: ",")) >'\(work)/suite.log' 2>&1")
        let output = try String(contentsOfFile: "\(work)/suite.log", encoding: .utf8)
        let failures = output.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }
        let summary = output.split(separator: "\n").last { $0.hasSuffix(" failed") } ?? "no summary line"
        #expect(summary.contains(" passed, "), "\(summary)")
        #expect(failures.isEmpty, "\(summary)\n\(failures.joined(separator: "\n"))")
        #expect(status == 0)
    }

    /// Waits (up to 30 s) until something accepts connections on the port.
    private static func waitUntilAccepting(port: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if PostgresTestServer.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestServerError.failed("nothing listens on port \(port)")
    }
}
