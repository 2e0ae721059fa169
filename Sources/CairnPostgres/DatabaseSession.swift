import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// One connection to the database that is opened again when it was lost. Several tasks may send
/// single statements on it at once (the connection queues them); a transaction needs the caller
/// to be its only user.
final class DatabaseSession: Sendable {
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let current = NIOLockedValueBox<PostgresConnection?>(nil)
    private let nextID = NIOLockedValueBox(0)
    /// How long one statement may go unanswered before the connection is given up: the
    /// statement timeout plus time for the server's cancellation to arrive.
    private let answerLimit: Duration

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
        answerLimit = configuration.statementTimeout + .seconds(2)
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
        let (configuration, logger) = (self.configuration, self.logger)
        let fresh = try await withDeadline(answerLimit, "connecting", onExpiry: {}) {
            try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        }
        let stale = current.withLockedValue { slot -> PostgresConnection? in
            defer { slot = fresh }
            return slot
        }
        if let stale, stale !== fresh { Self.abandon(stale) }
        return fresh
    }

    /// Runs `body` on the open connection, giving up on the connection when the database does not
    /// answer within `limit` (by default, how long one statement may take).
    func withConnection<Result: Sendable>(
        limit: Duration? = nil,
        _ what: String,
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        let connection = try await connection()
        let logger = self.logger
        return try await withDeadline(limit ?? answerLimit, what, onExpiry: { Self.abandon(connection) }) {
            try await body(connection, logger)
        }
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await withConnection(query.sql) { connection, logger in try await connection.query(query, logger: logger) }
    }

    /// Runs `body` inside BEGIN … COMMIT on this session's connection, rolling back when it throws.
    /// The whole transaction may take twice as long as one statement.
    func transaction<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        try await withConnection(limit: answerLimit * 2, "a transaction") { connection, logger in
            try await connection.query("BEGIN", logger: logger)
            do {
                let result = try await body(connection, logger)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Closes `connection` without waiting for it to finish closing (it stays referenced until it has).
    private static func abandon(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    func close() async {
        let open = current.withLockedValue { slot -> PostgresConnection? in
            defer { slot = nil }
            return slot
        }
        guard let open else { return }
        _ = try? await withDeadline(.seconds(2), "closing", onExpiry: {}) { try await open.close() }
    }
}
