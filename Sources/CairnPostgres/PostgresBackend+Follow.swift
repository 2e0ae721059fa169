import CairnStore
import CairnWire
import Logging
import PostgresNIO

extension PostgresBackend {
    /// Reads the shared head and brings the local view up to it; called under `turn`.
    func follow() async throws {
        try await turn.run {
            let refresh = self.view.withLockedValue { view in
                defer { view.leaseRefreshDue = false }
                return view.leaseRefreshDue
            }
            try await self.reader.withConnection("catching up") { connection, _ in
                try await self.catchUp(lockedHead: nil, on: connection, refreshLeases: refresh)
                if refresh { try await self.measureStorage(on: connection) }
            }
        }
    }

    /// Applies every revision after the view's up to the shared head (`lockedHead` when the caller
    /// holds the head lock, else read with the rows), then the lease table when it changed (or
    /// `refreshLeases` asks for fresh deadlines), then the compact revision, and hands the new
    /// revisions to the observers. The caller holds `turn`, so nothing else moves the view.
    ///
    /// When the log was physically compacted past the view (at open, or after this process was
    /// taken for gone and left behind), the view is rebuilt from the whole remaining log.
    @discardableResult
    func catchUp(lockedHead: SharedHead?, on connection: PostgresConnection, refreshLeases: Bool) async throws
        -> SharedHead
    {
        let (from, epoch, recording) = view.withLockedValue {
            ($0.engine.revision, $0.leaseEpoch, !$0.observers.isEmpty)
        }
        var read: LogRead
        if let lockedHead, lockedHead.revision <= from {
            read = LogRead(head: lockedHead, prunedRevision: 0, rows: [])
        } else {
            read = try await LogStatements.read(after: from, on: connection, logger: logger)
        }
        let rebuild = from < read.prunedRevision
        if rebuild && from > 1 {
            logger.error(
                "the log was compacted past this process's view; it reloads, and its watchers miss revisions",
                metadata: ["view": "\(from)", "pruned": "\(read.prunedRevision)"]
            )
            read = try await LogStatements.read(after: 1, on: connection, logger: logger)
        }
        let head = read.head
        let leases =
            rebuild || refreshLeases || head.leaseEpoch != epoch
            ? try await LogStatements.leases(on: connection, logger: logger) : nil
        let now = clock.now()
        let committed = try view.withLockedValue { view throws -> [CommittedRevision] in
            if rebuild { view.engine = MVCCEngine() }
            if let leases { Self.grantMissing(leases, in: &view.engine, now: now) }
            let committed = try Self.replay(
                read.rows,
                into: &view.engine,
                recordingEvents: recording && !rebuild,
                prunedThrough: rebuild ? read.prunedRevision : 0
            )
            if let leases {
                Self.reconcile(leases, in: &view.engine, now: now)
                view.leaseEpoch = head.leaseEpoch
            }
            if head.compactRevision > view.engine.compactRevision {
                view.engine.applyCompaction(at: head.compactRevision)
            }
            return committed
        }
        deliver(committed)
        return head
    }

    /// Replays log rows revision by revision with the engine's own put and delete, which yields
    /// the same versions and events the writing process produced. Revisions at or below
    /// `prunedThrough` may be missing (physical compaction removed them); the first row left of a
    /// key there gets its history restored first.
    static func replay(
        _ rows: [LogRow],
        into engine: inout MVCCEngine,
        recordingEvents: Bool,
        prunedThrough: Int64
    ) throws -> [CommittedRevision] {
        var committed: [CommittedRevision] = []
        var position = 0
        while position < rows.count {
            let revision = rows[position].revision
            let pruned = revision <= prunedThrough
            guard revision == engine.revision + 1 || (pruned && revision > engine.revision) else {
                throw PostgresSchemaError.logGap(expected: engine.revision + 1, found: revision)
            }
            var batch = WriteBatch(revision: revision, recordsEvents: recordingEvents)
            while position < rows.count && rows[position].revision == revision {
                let row = rows[position]
                if pruned { restoreHistory(before: row, in: &engine) }
                if row.deleted {
                    _ = engine.applyDelete(span: KeySpan(key: row.key, rangeEnd: []), batch: &batch)
                } else {
                    engine.applyPut(key: row.key, value: row.value, lease: row.lease, batch: &batch)
                }
                position += 1
            }
            engine.finish(batch)
            if recordingEvents { committed.append(CommittedRevision(revision: revision, events: batch.events)) }
        }
        return committed
    }

    /// Gives a key whose earlier rows physical compaction removed the history they built, so that
    /// `row` gets its recorded create revision and version: placeholder puts at revisions before
    /// `row`'s (a deletion needs one live version to delete). They all lie below the compact
    /// revision, so the compaction applied after the replay drops them again.
    static func restoreHistory(before row: LogRow, in engine: inout MVCCEngine) {
        guard engine.latestLive(row.key) == nil else { return }
        let count = row.deleted ? 1 : row.version - 1
        let first = row.deleted ? row.revision - 1 : row.createRevision
        for offset in 0..<max(count, 0) {
            var placeholder = WriteBatch(revision: first + offset, recordsEvents: false)
            engine.applyPut(key: row.key, value: [], lease: 0, batch: &placeholder)
        }
    }

    /// Adds the leases the view does not know yet, before rows that attach keys to them.
    static func grantMissing(_ leases: [LeaseRow], in engine: inout MVCCEngine, now: UInt64) {
        for lease in leases where !engine.leases.contains(lease.id) {
            engine.leases.grant(id: lease.id, ttl: lease.ttl, now: now)
        }
    }

    /// Drops the leases the database no longer holds and takes every deadline from the database.
    static func reconcile(_ leases: [LeaseRow], in engine: inout MVCCEngine, now: UInt64) {
        let live = Set(leases.map(\.id))
        for id in engine.leases.leases.keys where !live.contains(id) { _ = engine.leases.remove(id) }
        for lease in leases {
            let remaining = UInt64(max(lease.remainingMilliseconds, 0)) * 1_000_000
            engine.leases.setDeadline(lease.id, to: now + remaining)
        }
    }

    func measureStorage(on connection: PostgresConnection) async throws {
        let query: PostgresQuery = """
            SELECT (pg_total_relation_size('cairn_log') + pg_total_relation_size('cairn_leases')
            + pg_total_relation_size('cairn_state'))::bigint
            """
        for try await bytes in try await connection.query(query, logger: logger).decode(Int64.self) {
            view.withLockedValue { $0.storageBytes = bytes }
        }
    }

    /// Starts the loops that follow the log (on notifications and on a timer), run lease expiry and
    /// physical compaction, and heartbeat the membership.
    func startBackgroundWork() {
        let tasks: [Task<Void, Never>] = [
            Task { [weak self] in await self?.followLoop() },
            Task { [weak self] in await self?.listenLoop() },
            Task { [weak self] in await self?.pollLoop() },
            Task { [weak self] in await self?.expiryLoop() },
            Task { [weak self] in await self?.heartbeatLoop() },
            Task { [weak self] in await self?.compactionLoop() },
        ]
        view.withLockedValue { $0.tasks = tasks }
    }

    /// Catches up whenever woken; a failed round is retried at the next wake-up.
    private func followLoop() async {
        for await _ in wakeups {
            do {
                try await follow()
                noteDatabase(nil)
            } catch {
                if Task.isCancelled { return }
                noteDatabase(error)
                logger.warning("reading the log failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    /// Listens for commit notifications and turns each into a wake-up; reconnects after a failure.
    private func listenLoop() async {
        while !Task.isCancelled {
            do {
                let connection = try await listener.connection()
                try await connection.listen(on: PostgresSchema.commitChannel) { notifications in
                    // Commits made before LISTEN took effect sent nothing to this session.
                    wake.yield()
                    for try await _ in notifications { wake.yield() }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("listening for commits failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Wakes the follower on a timer, in case a notification was lost, and asks for fresh lease
    /// deadlines (keep-alives that reached other processes move them without a notification).
    private func pollLoop() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: configuration.pollInterval)
            } catch {
                return
            }
            view.withLockedValue { $0.leaseRefreshDue = true }
            wake.yield()
        }
    }
}

extension PostgresBackend {
    /// Other processes write to the same database: a linearizable read first asks for its head.
    package var linearizableReadsAreImmediate: Bool { false }

    /// Reads the shared head and, when another process committed, compacted or changed leases past
    /// the local view, catches up before returning: one round trip, like etcd's ReadIndex.
    package func awaitLinearizableRead() async throws {
        do {
            let head = try await reader.withConnection("reading the head") { connection, logger in
                try await LogStatements.head(on: connection, logger: logger)
            }
            let seen = view.withLockedValue {
                SharedHead(
                    revision: $0.engine.revision, compactRevision: $0.engine.compactRevision, leaseEpoch: $0.leaseEpoch)
            }
            if head != seen { try await follow() }
            noteDatabase(nil)
        } catch {
            noteDatabase(error)
            throw Self.unavailable(error)
        }
    }
}
