import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// One connection to the database that is opened again when it was lost. Several tasks may send
/// single statements on it at once (the connection queues them); a transaction needs the caller
/// to be its only user.
final class DatabaseSession: Sendable {
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let current = NIOLockedValueBox<PostgresConnection?>(nil)
    private let nextID = NIOLockedValueBox(0)

    init(_ configuration: PostgresBackendConfiguration, purpose: String) {
        var connection = PostgresConnection.Configuration(
            host: configuration.host,
            port: configuration.port,
            username: configuration.username,
            password: configuration.password,
            database: configuration.database,
            tls: .disable
        )
        connection.options.connectTimeout = .seconds(5)
        let timeout = configuration.statementTimeout.components
        let milliseconds = timeout.seconds * 1000 + timeout.attoseconds / 1_000_000_000_000_000
        // JIT compilation costs tens of milliseconds of CPU per statement, far more than the short
        // statements here take; on tables not analysed yet the planner's estimates would turn it on.
        connection.options.additionalStartupParameters = [("statement_timeout", "\(milliseconds)"), ("jit", "off")]
        self.configuration = connection
        var logger = configuration.logger
        logger[metadataKey: "session"] = "\(purpose)"
        self.logger = logger
    }

    /// How many connections this session has opened; it changes whenever the session reconnected,
    /// which ends everything tied to the old session (advisory locks, LISTEN).
    var generation: Int {
        nextID.withLockedValue { $0 }
    }

    /// The open connection, connecting first when there is none or it closed.
    func connection() async throws -> PostgresConnection {
        if let open = current.withLockedValue({ $0 }), !open.isClosed { return open }
        let id = nextID.withLockedValue { id in
            defer { id += 1 }
            return id
        }
        let fresh = try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        let stale = current.withLockedValue { slot -> PostgresConnection? in
            defer { slot = fresh }
            return slot
        }
        if let stale, stale !== fresh { try? await stale.close() }
        return fresh
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await connection().query(query, logger: logger)
    }

    /// Runs `body` inside BEGIN … COMMIT on this session's connection, rolling back when it throws.
    func transaction<Result: Sendable>(
        _ begin: PostgresQuery = "BEGIN",
        _ body: (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        let connection = try await connection()
        try await connection.query(begin, logger: logger)
        do {
            let result = try await body(connection, logger)
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    func close() async {
        let open = current.withLockedValue { slot -> PostgresConnection? in
            defer { slot = nil }
            return slot
        }
        try? await open?.close()
    }
}
