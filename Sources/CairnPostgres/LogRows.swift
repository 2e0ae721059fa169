import CairnStore
import CairnWire
import NIOCore
import PostgresNIO

/// One row of `cairn_log` as the follower reads it: enough to replay the change on the local view.
struct LogRow: Sendable {
    var revision: Int64
    var key: [UInt8]
    var value: [UInt8]
    var lease: Int64
    var deleted: Bool
}

/// The newest state every process shares: the `cairn_state` row.
struct SharedHead: Sendable, Equatable {
    var revision: Int64
    var compactRevision: Int64
    var leaseEpoch: Int64
}

/// One row of `cairn_leases`, with the time left before it expires on the database's clock.
struct LeaseRow: Sendable {
    var id: Int64
    var ttl: Int64
    var remainingMilliseconds: Int64
}

/// The statements that read and write the shared tables.
enum LogStatements {
    static func head(on connection: PostgresConnection, logger: Logger, lock: Bool) async throws -> SharedHead {
        let query: PostgresQuery =
            lock
            ? "SELECT revision, compact_revision, lease_epoch FROM cairn_state FOR UPDATE"
            : "SELECT revision, compact_revision, lease_epoch FROM cairn_state"
        for try await (revision, compact, epoch) in try await connection.query(query, logger: logger)
            .decode((Int64, Int64, Int64).self)
        {
            return SharedHead(revision: revision, compactRevision: compact, leaseEpoch: epoch)
        }
        throw PostgresSchemaError.missingState
    }

    /// The rows of revisions `after < revision <= through`, in commit order.
    static func rows(after: Int64, through: Int64, on connection: PostgresConnection, logger: Logger)
        async throws -> [LogRow]
    {
        var rows: [LogRow] = []
        let sequence = try await connection.query(
            """
            SELECT revision, key, value, lease, deleted FROM cairn_log
            WHERE revision > \(after) AND revision <= \(through) ORDER BY revision, sub
            """,
            logger: logger
        )
        for try await (revision, key, value, lease, deleted) in sequence.decode(
            (Int64, ByteBuffer, ByteBuffer, Int64, Bool).self
        ) {
            rows.append(
                LogRow(
                    revision: revision,
                    key: Array(key.readableBytesView),
                    value: Array(value.readableBytesView),
                    lease: lease,
                    deleted: deleted
                )
            )
        }
        return rows
    }

    /// In one statement: appends `events` (the changes of `head.revision`, possibly none) one row
    /// each, stores the new head, and queues the commit notification, which PostgreSQL delivers at
    /// commit, in commit order.
    static func advance(
        to head: SharedHead,
        appending events: [Event],
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        var subs: [Int32] = []
        var keys: [ByteBuffer] = []
        var values: [ByteBuffer] = []
        var creates: [Int64] = []
        var versions: [Int64] = []
        var leases: [Int64] = []
        var deleted: [Bool] = []
        var previous: [Int64] = []
        for (position, event) in events.enumerated() {
            let kv = event.kv ?? KeyValue()
            subs.append(Int32(position))
            keys.append(ByteBuffer(bytes: kv.key))
            values.append(ByteBuffer(bytes: kv.value))
            creates.append(kv.createRevision)
            versions.append(kv.version)
            leases.append(kv.lease)
            deleted.append(event.type == .delete)
            previous.append(event.prevKv?.modRevision ?? 0)
        }
        try await connection.query(
            """
            WITH appended AS (
                INSERT INTO cairn_log (revision, sub, key, value, create_revision, version, lease, deleted, prev_revision)
                SELECT \(head.revision), * FROM unnest(\(subs)::integer[], \(keys)::bytea[], \(values)::bytea[],
                \(creates)::bigint[], \(versions)::bigint[], \(leases)::bigint[], \(deleted)::boolean[],
                \(previous)::bigint[])
            ), moved AS (
                UPDATE cairn_state SET revision = \(head.revision), compact_revision = \(head.compactRevision),
                lease_epoch = \(head.leaseEpoch)
            )
            SELECT pg_notify(\(PostgresSchema.commitChannel), \(String(head.revision)))
            """,
            logger: logger
        )
    }

    static func leases(on connection: PostgresConnection, logger: Logger) async throws -> [LeaseRow] {
        var rows: [LeaseRow] = []
        let sequence = try await connection.query(
            """
            SELECT id, ttl, (extract(epoch FROM expires_at - clock_timestamp()) * 1000)::bigint FROM cairn_leases
            """,
            logger: logger
        )
        for try await (id, ttl, remaining) in sequence.decode((Int64, Int64, Int64).self) {
            rows.append(LeaseRow(id: id, ttl: ttl, remainingMilliseconds: remaining))
        }
        return rows
    }
}
