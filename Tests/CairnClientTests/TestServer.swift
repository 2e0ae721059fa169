import CairnClient
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real etcd (or, with `CAIRN_TEST_SERVER=/path/to/cairnd`, a cairnd) started as a process on
/// free loopback ports with a fresh data directory.
final class TestServer: @unchecked Sendable {
    let clientPort: Int
    let peerPort: Int
    let dataDirectory: URL
    private var process: Process?

    var endpoint: String { "127.0.0.1:\(clientPort)" }

    init() throws {
        clientPort = try Self.freePort()
        peerPort = try Self.freePort()
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-client-\(UUID())")
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: dataDirectory)
    }

    /// Starts the server on the same ports and data directory, then waits until it answers.
    func start() throws {
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["CAIRN_TEST_SERVER"] ?? "/usr/bin/etcd")
        let client = "http://127.0.0.1:\(clientPort)"
        process.arguments = [
            "--data-dir", dataDirectory.path, "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", "http://127.0.0.1:\(peerPort)",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    /// Stops the server (SIGTERM) and waits for the process to end.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    /// A client for this server; waits until the server serves requests.
    func client(requestTimeout: Duration = .seconds(5)) async throws -> EtcdClient {
        let client = try EtcdClient(
            configuration: EtcdClientConfiguration(endpoints: [endpoint], requestTimeout: requestTimeout))
        try await waitUntilServing(client)
        return client
    }

    /// Polls `Status` until it succeeds (the process needs a moment to bind and elect itself).
    func waitUntilServing(_ client: EtcdClient) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            do {
                _ = try await client.status()
                return
            } catch {
                if ContinuousClock.now > deadline { throw error }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// A port nobody listens on right now (bound to port 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileNoSuchFile) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
