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
        var members: [CairndProcess] = []
        defer { for member in members { member.kill() } }
        for index in 0..<processes {
            members.append(try await CairndProcess.start(name: "pg\(index)", backend: url, work: work))
        }
        let endpoints = members.map(\.endpoint)
        let status = await PostgresTestServer.shell(
            "/bin/bash '\(Self.suite)' \(endpoints.joined(separator: ",")) >'\(work)/suite.log' 2>&1")
        let output = try String(contentsOfFile: "\(work)/suite.log", encoding: .utf8)
        let failures = output.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }
        let summary = output.split(separator: "\n").last { $0.hasSuffix(" failed") } ?? "no summary line"
        #expect(summary.contains(" passed, "), "\(summary)")
        #expect(failures.isEmpty, "\(summary)\n\(failures.joined(separator: "\n"))")
        #expect(status == 0)
    }
}
