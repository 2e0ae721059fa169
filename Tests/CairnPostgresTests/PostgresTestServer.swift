import CairnPostgres
import Foundation
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL instance for the tests: `initdb` in a temporary directory, run as an
/// unprivileged user when the tests run as root, listening on a free 127.0.0.1 port, and stopped
/// when the test process exits. Each test gets a database of its own.
actor PostgresTestServer {
    static let shared = PostgresTestServer()

    /// Where Debian's `postgresql` package puts the server programs.
    static let binaries = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"]
        .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }

    /// Whether the server programs are installed (`make deps` installs them).
    static var available: Bool { binaries != nil }

    private var started: Task<PostgresInstance, any Error>?

    /// The running instance, starting it on first use.
    private func instance() async throws -> PostgresInstance {
        if let started { return try await started.value }
        let task = Task { try await PostgresInstance.create() }
        started = task
        return try await task.value
    }

    /// A fresh, empty database's backend configuration.
    func freshDatabase() async throws -> PostgresBackendConfiguration {
        try await instance().freshDatabase()
    }

    /// Runs `body` on a plain connection to the database `configuration` names (for statements a
    /// test runs itself) and closes it, also when `body` throws.
    static func withConnection<Result>(
        to configuration: PostgresBackendConfiguration,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: configuration.host, port: configuration.port, username: configuration.username,
                password: nil, database: configuration.database, tls: .disable),
            id: 0,
            logger: configuration.logger
        )
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The single integer `query` returns, on its own connection to the database.
    static func scalar(_ query: PostgresQuery, in configuration: PostgresBackendConfiguration) async throws -> Int64 {
        try await withConnection(to: configuration) { connection in
            for try await value in try await connection.query(query, logger: configuration.logger).decode(Int64.self) {
                return value
            }
            throw TestServerError.failed("\(query.sql) returned no row")
        }
    }

    /// Runs a program (as `user` through runuser when given) through the shell and fails if it
    /// fails. (The arguments are paths and options this file builds.)
    static func run(_ program: String, _ arguments: [String], as user: String? = nil) async throws {
        let words = (user.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []) + [program] + arguments
        let status = await shell(words.map { "'" + $0 + "'" }.joined(separator: " ") + " >/dev/null")
        guard status == 0 else { throw TestServerError.failed("\(program) exited with status \(status)") }
    }

    /// Runs `command` with `system` on a thread of its own: `system` blocks its thread until the
    /// command ends, and the few threads that run tasks must stay free for the rest of the tests.
    static func shell(_ command: String) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: system(command)) }
        }
    }

    /// A port nothing listens on right now: bind port 0 and read what the kernel chose.
    static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw TestServerError.failed("socket") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socketFD, generic, length) == 0 && getsockname(socketFD, generic, &length) == 0
            }
        }
        guard bound else { throw TestServerError.failed("bind") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether a TCP connection to 127.0.0.1:`port` is accepted.
    static func accepts(port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                connect(socketFD, generic, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

}

/// The shell commands `atexit` runs (a C callback cannot capture them).
enum StopCommand {
    nonisolated(unsafe) static var pending: [String] = []
    static let lock = NSLock()

    /// Runs `command` when the test process exits.
    static func atExit(_ command: String) {
        lock.lock()
        defer { lock.unlock() }
        if pending.isEmpty {
            atexit {
                for command in StopCommand.pending { _ = system(command) }
            }
        }
        pending.append(command)
    }
}

/// One throwaway server: `initdb` in a temporary directory (owned by an unprivileged user when the
/// tests run as root), a free 127.0.0.1 port, stopped and removed when the test process exits.
/// Tests of database outages start one of their own and stop and start it.
struct PostgresInstance: Sendable {
    let directory: String
    let port: Int
    /// The user the server runs as (nil: the current one).
    let user: String?
    private var data: String { directory + "/data" }

    static func create() async throws -> PostgresInstance {
        guard let binaries = PostgresTestServer.binaries else { throw TestServerError.notInstalled }
        let directory = NSTemporaryDirectory() + "cairn-pg-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let user = getuid() == 0 ? "postgres" : nil
        if let user { try await PostgresTestServer.run("/bin/chown", [user, directory]) }
        let instance = PostgresInstance(directory: directory, port: try PostgresTestServer.freePort(), user: user)
        try await PostgresTestServer.run(
            binaries + "/initdb", ["-D", instance.data, "-U", "cairn", "-A", "trust", "--no-sync", "-E", "UTF8"],
            as: user)
        try await instance.start()
        StopCommand.atExit(
            (user.map { "/usr/sbin/runuser -u \($0) -- " } ?? "")
                + "\(binaries)/pg_ctl -D \(instance.data) -m immediate stop >/dev/null 2>&1; rm -rf \(directory)")
        return instance
    }

    /// Starts the server and waits until it accepts connections.
    func start() async throws {
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        try await pgCtl(["-D", data, "-o", options, "-l", directory + "/log", "-w", "start"])
    }

    /// Stops the server as `pg_ctl stop -m fast` does: sessions are ended, nothing committed is lost.
    func stop() async throws {
        try await pgCtl(["-D", data, "-m", "fast", "-w", "stop"])
    }

    private func pgCtl(_ arguments: [String]) async throws {
        guard let binaries = PostgresTestServer.binaries else { throw TestServerError.notInstalled }
        try await PostgresTestServer.run(binaries + "/pg_ctl", arguments, as: user)
    }

    /// A fresh, empty database's backend configuration.
    func freshDatabase() async throws -> PostgresBackendConfiguration {
        let name = "cairn_test_\(UUID().uuidString.prefix(8).lowercased())"
        let administration = PostgresBackendConfiguration(
            host: "127.0.0.1", port: port, username: "cairn", database: "postgres")
        try await PostgresTestServer.withConnection(to: administration) { connection in
            try await connection.query("CREATE DATABASE \(unescaped: name)", logger: administration.logger)
        }
        return PostgresBackendConfiguration(host: "127.0.0.1", port: port, username: "cairn", database: name)
    }
}

enum TestServerError: Error {
    case notInstalled
    case failed(String)
}
