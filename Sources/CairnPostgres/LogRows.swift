import CairnStore
import CairnWire
import NIOCore
import PostgresNIO

/// One row of `cairn_log` as the follower reads it: enough to replay the change on the local view.
struct LogRow: Sendable {
    var revision: Int64
    var key: [UInt8]
    var value: [UInt8]
    /// The key's create revision and version after this change (0 for a deletion).
    var createRevision: Int64
    var version: Int64
    var lease: Int64
    var deleted: Bool
}

/// The shared head with the log rows after some revision up to it, from one snapshot.
struct LogRead: Sendable {
    var head: SharedHead
    /// Rows at or below this revision may be gone: physical compaction removed every row there
    /// except the newest of each key (and deletions exactly at this revision).
    var prunedRevision: Int64
    var rows: [LogRow]
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
    /// The shared head; `lock` takes the head lock for the caller's transaction.
    static func head(on connection: PostgresConnection, logger: Logger, lock: Bool = false) async throws
        -> SharedHead
    {
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

    /// The head and the rows of revisions after `after` up to it, in commit order, in one
    /// statement so that they come from one snapshot.
    static func read(after: Int64, on connection: PostgresConnection, logger: Logger) async throws -> LogRead {
        var read: LogRead?
        let sequence = try await connection.query(
            """
            SELECT s.revision, s.compact_revision, s.lease_epoch, p.pruned_revision, l.revision, l.key, l.value,
            l.create_revision, l.version, l.lease, l.deleted
            FROM cairn_state s CROSS JOIN cairn_pruning p LEFT JOIN LATERAL (
                SELECT * FROM cairn_log WHERE revision > \(after) AND revision <= s.revision
            ) l ON true
            ORDER BY l.revision, l.sub
            """,
            logger: logger
        )
        for try await (revision, compact, epoch, pruned, row, key, value, create, version, lease, deleted)
            in sequence.decode(
                (
                    Int64, Int64, Int64, Int64, Int64?, ByteBuffer?, ByteBuffer?, Int64?, Int64?, Int64?, Bool?
                ).self
            )
        {
            if read == nil {
                let head = SharedHead(revision: revision, compactRevision: compact, leaseEpoch: epoch)
                read = LogRead(head: head, prunedRevision: pruned, rows: [])
            }
            guard let row, let key, let value, let create, let version, let lease, let deleted else { continue }
            read?.rows.append(
                LogRow(
                    revision: row,
                    key: Array(key.readableBytesView),
                    value: Array(value.readableBytesView),
                    createRevision: create,
                    version: version,
                    lease: lease,
                    deleted: deleted
                )
            )
        }
        guard let read else { throw PostgresSchemaError.missingState }
        return read
    }

    /// In one statement: appends the events of `revisions` (the revisions after the old head up
    /// to `head.revision`, possibly none) one row each, stores the new head, and queues the commit
    /// notification, which PostgreSQL delivers at commit, in commit order.
    static func advance(
        to head: SharedHead,
        appending revisions: [CommittedRevision],
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        var numbers: [Int64] = []
        var subs: [Int32] = []
        var keys: [ByteBuffer] = []
        var values: [ByteBuffer] = []
        var creates: [Int64] = []
        var versions: [Int64] = []
        var leases: [Int64] = []
        var deleted: [Bool] = []
        var previous: [Int64] = []
        for revision in revisions {
            for (position, event) in revision.events.enumerated() {
                let kv = event.kv ?? KeyValue()
                numbers.append(revision.revision)
                subs.append(Int32(position))
                keys.append(ByteBuffer(bytes: kv.key))
                values.append(ByteBuffer(bytes: kv.value))
                creates.append(kv.createRevision)
                versions.append(kv.version)
                leases.append(kv.lease)
                deleted.append(event.type == .delete)
                previous.append(event.prevKv?.modRevision ?? 0)
            }
        }
        try await connection.query(
            """
            WITH appended AS (
                INSERT INTO cairn_log (revision, sub, key, value, create_revision, version, lease, deleted, prev_revision)
                SELECT * FROM unnest(\(numbers)::bigint[], \(subs)::integer[], \(keys)::bytea[], \(values)::bytea[],
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
