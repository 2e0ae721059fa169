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

    private var started: Task<Int, any Error>?
    private var databases = 0

    /// The port of the running instance, starting it on first use.
    private func port() async throws -> Int {
        if let started { return try await started.value }
        let task = Task { try Self.start() }
        started = task
        return try await task.value
    }

    /// A fresh, empty database's backend configuration.
    func freshDatabase() async throws -> PostgresBackendConfiguration {
        let port = try await port()
        databases += 1
        let name = "cairn_test_\(databases)"
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: "127.0.0.1", port: port, username: "cairn", password: nil, database: "postgres", tls: .disable),
            id: 0,
            logger: .init(label: "cairn.postgres.test")
        )
        try await connection.query("CREATE DATABASE \(unescaped: name)", logger: .init(label: "cairn.postgres.test"))
        try await connection.close()
        return PostgresBackendConfiguration(host: "127.0.0.1", port: port, username: "cairn", database: name)
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

    private static func start() throws -> Int {
        guard let binaries else { throw TestServerError.notInstalled }
        let directory = NSTemporaryDirectory() + "cairn-pg-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let user = getuid() == 0 ? "postgres" : nil
        if let user { try run("/bin/chown", [user, directory]) }
        let data = directory + "/data"
        try run(binaries + "/initdb", ["-D", data, "-U", "cairn", "-A", "trust", "--no-sync", "-E", "UTF8"], as: user)
        let port = try freePort()
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        try run(binaries + "/pg_ctl", ["-D", data, "-o", options, "-l", directory + "/log", "-w", "start"], as: user)
        stopAtExit(binaries + "/pg_ctl", data: data, directory: directory, user: user)
        return port
    }

    /// Runs a program (as `user` through runuser when given) through the shell and fails if it
    /// fails. (`system` waits with waitpid; the arguments are paths and options this file builds.)
    private static func run(_ program: String, _ arguments: [String], as user: String? = nil) throws {
        let words = (user.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []) + [program] + arguments
        let command = words.map { "'" + $0 + "'" }.joined(separator: " ") + " >/dev/null"
        let status = system(command)
        guard status == 0 else { throw TestServerError.failed("\(program) exited with status \(status)") }
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

    /// Stops the instance and removes its directory when the test process exits.
    private static func stopAtExit(_ pgCtl: String, data: String, directory: String, user: String?) {
        let command =
            (user.map { "/usr/sbin/runuser -u \($0) -- " } ?? "")
            + "\(pgCtl) -D \(data) -m immediate stop >/dev/null 2>&1; rm -rf \(directory)"
        StopCommand.pending = command
        atexit {
            if let command = StopCommand.pending { _ = system(command) }
        }
    }
}

/// The shell command `atexit` runs (a C callback cannot capture it).
enum StopCommand {
    nonisolated(unsafe) static var pending: String?
}

enum TestServerError: Error {
    case notInstalled
    case failed(String)
}
