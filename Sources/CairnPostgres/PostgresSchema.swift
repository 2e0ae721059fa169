import Logging
import PostgresNIO

/// The tables the backend keeps, created or migrated when a backend opens.
///
/// - `cairn_schema`: one row holding the schema version.
/// - `cairn_state`: one row every write locks (`SELECT … FOR UPDATE`): the newest revision, the
///   compact revision, and an epoch bumped by every lease grant and revoke. Holding it serialises
///   writers across processes, which makes revisions gap-free and commit-ordered.
/// - `cairn_log`: every key change, one row per event: `(revision, sub)` in commit order, the key
///   and value as `bytea` (arbitrary bytes, compared bytewise), the key's create revision and
///   version after the change, its lease, a deletion flag and the revision of the key's previous row.
///   The log is the source of truth for every process's view and for watches.
/// - `cairn_leases`: the live leases with their TTL and expiry time on the database's clock.
/// - `cairn_members` (version 2): every process of the group with its URLs, the revision its view
///   has applied and its last heartbeat on the database's clock.
/// - `cairn_pruning` (version 3): one row, the revision through which superseded rows and
///   deletions were physically removed from `cairn_log` after a compaction.
enum PostgresSchema {
    /// The version this build writes and understands: the number of steps in `steps`.
    static var version: Int32 { Int32(steps.count) }
    /// The advisory lock key held (for one transaction) while the schema is created or migrated.
    static let migrationLock: Int64 = 0x4361_6972_6E00_0001
    /// The advisory lock key the lease expirer holds for as long as its session lives.
    static let expirerLock: Int64 = 0x4361_6972_6E00_0002
    /// The advisory lock key the physical compactor holds for as long as its session lives.
    static let compactorLock: Int64 = 0x4361_6972_6E00_0003
    /// The channel every commit notifies, with the new revision as payload.
    static let commitChannel = "cairn_commits"

    /// The statements that take an empty database to version 1, 2, …: a database at version `n`
    /// runs the steps after the `n`th.
    private static let steps: [[PostgresQuery]] = [creation, members, pruning]

    private static let creation: [PostgresQuery] = [
        """
        CREATE TABLE cairn_state (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            revision bigint NOT NULL,
            compact_revision bigint NOT NULL,
            lease_epoch bigint NOT NULL
        )
        """,
        "INSERT INTO cairn_state (revision, compact_revision, lease_epoch) VALUES (1, -1, 0)",
        """
        CREATE TABLE cairn_log (
            revision bigint NOT NULL,
            sub integer NOT NULL,
            key bytea NOT NULL,
            value bytea NOT NULL,
            create_revision bigint NOT NULL,
            version bigint NOT NULL,
            lease bigint NOT NULL,
            deleted boolean NOT NULL,
            prev_revision bigint NOT NULL,
            PRIMARY KEY (revision, sub)
        )
        """,
        "CREATE INDEX cairn_log_key ON cairn_log (key, revision DESC)",
        """
        CREATE TABLE cairn_leases (
            id bigint PRIMARY KEY,
            ttl bigint NOT NULL,
            expires_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX cairn_leases_expiry ON cairn_leases (expires_at)",
    ]

    private static let members: [PostgresQuery] = [
        """
        CREATE TABLE cairn_members (
            id bigint PRIMARY KEY,
            name text NOT NULL,
            peer_urls text[] NOT NULL,
            client_urls text[] NOT NULL,
            applied_revision bigint NOT NULL,
            heartbeat_at timestamptz NOT NULL
        )
        """
    ]

    private static let pruning: [PostgresQuery] = [
        """
        CREATE TABLE cairn_pruning (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            pruned_revision bigint NOT NULL
        )
        """,
        "INSERT INTO cairn_pruning (pruned_revision) VALUES (0)",
    ]

    /// Creates the tables on an empty database, or migrates existing ones to this build's version,
    /// in one transaction under an advisory lock so that processes starting together do not race.
    static func migrate(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS cairn_schema (version integer NOT NULL)",
                logger: logger
            )
            var found: Int32?
            for try await version in try await connection.query("SELECT version FROM cairn_schema", logger: logger)
                .decode(Int32.self)
            {
                found = version
            }
            let existing = found ?? 0
            if existing > version { throw PostgresSchemaError.newerSchema(existing) }
            if existing < version {
                for step in steps[Int(existing)...] {
                    for statement in step { try await connection.query(statement, logger: logger) }
                }
                try await connection.query(
                    found == nil
                        ? "INSERT INTO cairn_schema (version) VALUES (\(version))"
                        : "UPDATE cairn_schema SET version = \(version)",
                    logger: logger
                )
                logger.info("migrated the cairn schema", metadata: ["from": "\(existing)", "to": "\(version)"])
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}

/// The database holds a schema this build cannot use.
enum PostgresSchemaError: Error, CustomStringConvertible {
    case newerSchema(Int32)
    /// The `cairn_state` row is gone.
    case missingState
    /// The log skips a revision (the database was changed by something other than cairn).
    case logGap(expected: Int64, found: Int64)

    var description: String {
        switch self {
        case .newerSchema(let version):
            return
                "the database holds cairn schema version \(version), newer than this build's \(PostgresSchema.version)"
        case .missingState:
            return "the cairn_state row is missing"
        case .logGap(let expected, let found):
            return "cairn_log holds revision \(found) where \(expected) was expected"
        }
    }
}
