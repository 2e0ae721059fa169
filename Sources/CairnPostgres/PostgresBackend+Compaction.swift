import Logging
import PostgresNIO

extension PostgresBackend {
    /// Revisions one pruning statement covers, which bounds its work and how long it holds locks.
    static let pruneBatchRevisions: Int64 = 1000

    /// Physically removes from `cairn_log` what compaction made unreachable, as the embedded
    /// engine drops it from memory: below the bound, every row superseded by a newer row of its key
    /// at or below the bound, and every deletion. The bound is the compact revision, but never a
    /// revision a live member's view has not applied yet (its catch-up must find every row above
    /// its view). Works through the revisions in batches, each one statement that also advances
    /// `cairn_pruning`. Returns the revision pruned through.
    @discardableResult
    package func pruneCompactedLog() async throws -> Int64 {
        try await heartbeat()
        var (pruned, bound) = try await pruneBounds()
        while pruned < bound {
            let upper = min(pruned + Self.pruneBatchRevisions, bound)
            try await leader.query(
                """
                WITH superseded AS (
                    DELETE FROM cairn_log old USING cairn_log newer
                    WHERE newer.revision > \(pruned) AND newer.revision <= \(upper) AND newer.prev_revision > 0
                    AND old.key = newer.key AND old.revision = newer.prev_revision
                ), deletions AS (
                    DELETE FROM cairn_log WHERE deleted AND revision >= \(pruned) AND revision < \(upper)
                )
                UPDATE cairn_pruning SET pruned_revision = GREATEST(pruned_revision, \(upper))
                """
            )
            pruned = upper
        }
        return pruned
    }

    /// The revision pruned through and the one pruning may reach now.
    private func pruneBounds() async throws -> (pruned: Int64, bound: Int64) {
        let rows = try await leader.query(
            """
            SELECT p.pruned_revision, LEAST(s.compact_revision, COALESCE((
                SELECT min(applied_revision) FROM cairn_members
                WHERE heartbeat_at > clock_timestamp() - \(Self.milliseconds(configuration.memberTimeout))
                * interval '1 millisecond'
            ), s.compact_revision))
            FROM cairn_state s CROSS JOIN cairn_pruning p
            """
        )
        for try await (pruned, bound) in rows.decode((Int64, Int64).self) { return (pruned, bound) }
        throw PostgresSchemaError.missingState
    }

    /// Competes for the compactor's advisory lock and, while holding it, prunes the log after
    /// every compaction.
    func compactionLoop() async {
        var role = AdvisoryRole(lock: PostgresSchema.compactorLock, duty: "removes compacted rows")
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: role.held ? configuration.pruneInterval : configuration.electionInterval)
            } catch {
                return
            }
            do {
                if try await role.claim(on: leader, logger: logger) { try await pruneCompactedLog() }
            } catch {
                if Task.isCancelled { return }
                role.release()
                logger.warning("removing compacted rows failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }
}
