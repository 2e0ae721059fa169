import CairnStore
import CairnWire
import Logging
import PostgresNIO

extension PostgresBackend {
    /// Reads the shared head and brings the local view up to it; called under `turn`.
    func follow() async throws {
        try await turn.run {
            let connection = try await self.reader.connection()
            let head = try await LogStatements.head(on: connection, logger: self.logger, lock: false)
            let refresh = self.view.withLockedValue { view in
                defer { view.leaseRefreshDue = false }
                return view.leaseRefreshDue
            }
            try await self.catchUp(to: head, on: connection, refreshLeases: refresh)
            if refresh { try await self.measureStorage(on: connection) }
        }
    }

    /// Applies every revision after the view's up to `head`, then the lease table when it changed
    /// (or `refreshLeases` asks for fresh deadlines), then the compact revision, and hands the new
    /// revisions to the observers. The caller holds `turn`, so nothing else moves the view.
    func catchUp(to head: SharedHead, on connection: PostgresConnection, refreshLeases: Bool) async throws {
        let (from, epoch, recording) = view.withLockedValue {
            ($0.engine.revision, $0.leaseEpoch, !$0.observers.isEmpty)
        }
        let rows =
            head.revision > from
            ? try await LogStatements.rows(after: from, through: head.revision, on: connection, logger: logger) : []
        let leases =
            refreshLeases || head.leaseEpoch != epoch
            ? try await LogStatements.leases(on: connection, logger: logger) : nil
        let now = clock.now()
        let committed = try view.withLockedValue { view throws -> [CommittedRevision] in
            if let leases { Self.grantMissing(leases, in: &view.engine, now: now) }
            let committed = try Self.replay(rows, into: &view.engine, recordingEvents: recording)
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
    }

    /// Replays log rows revision by revision with the engine's own put and delete, which yields
    /// the same versions and events the writing process produced.
    static func replay(_ rows: [LogRow], into engine: inout MVCCEngine, recordingEvents: Bool) throws
        -> [CommittedRevision]
    {
        var committed: [CommittedRevision] = []
        var position = 0
        while position < rows.count {
            let revision = rows[position].revision
            guard revision == engine.revision + 1 else {
                throw PostgresSchemaError.logGap(expected: engine.revision + 1, found: revision)
            }
            var batch = WriteBatch(revision: revision, recordsEvents: recordingEvents)
            while position < rows.count && rows[position].revision == revision {
                let row = rows[position]
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
    /// heartbeat the membership.
    func startBackgroundWork() {
        let tasks: [Task<Void, Never>] = [
            Task { [weak self] in await self?.followLoop() },
            Task { [weak self] in await self?.listenLoop() },
            Task { [weak self] in await self?.pollLoop() },
            Task { [weak self] in await self?.expiryLoop() },
            Task { [weak self] in await self?.heartbeatLoop() },
        ]
        view.withLockedValue { $0.tasks = tasks }
    }

    /// Catches up whenever woken; a failed round is retried at the next wake-up.
    private func followLoop() async {
        for await _ in wakeups {
            do {
                try await follow()
            } catch {
                if Task.isCancelled { return }
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
    /// Reads the shared head and, when another process committed past the local view, catches up
    /// before returning: one round trip, like etcd's ReadIndex.
    package func awaitLinearizableRead() async throws {
        do {
            let head = try await LogStatements.head(on: reader.connection(), logger: logger, lock: false)
            let seen = view.withLockedValue { ($0.engine.revision, $0.leaseEpoch) }
            if head.revision > seen.0 || head.leaseEpoch != seen.1 { try await follow() }
        } catch {
            throw Self.unavailable(error)
        }
    }
}
