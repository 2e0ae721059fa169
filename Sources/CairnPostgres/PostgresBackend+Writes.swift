import CairnStore
import CairnWire
import Logging
import PostgresNIO

/// What a write changes besides the local view: the batch's rows, the compact revision, a lease row.
struct WriteEffects: Sendable {
    var batch: WriteBatch?
    var compactRevision: Int64?
    var grantedLease: (id: Int64, ttl: Int64)?
    var revokedLease: Int64?
}

extension PostgresBackend {
    package func put(_ request: PutRequest) async throws -> PutResponse {
        try RequestValidation.check(request)
        return try await write { engine throws(EtcdError) in
            if request.lease != 0 && !engine.leases.contains(request.lease) { throw .leaseNotFound }
            if request.ignoreValue || request.ignoreLease, engine.latestLive(request.key) == nil {
                throw .keyNotFound
            }
            var batch = WriteBatch(revision: engine.revision + 1)
            let response = engine.applyPut(request, batch: &batch)
            return (response, WriteEffects(batch: batch))
        }
    }

    package func deleteRange(_ request: DeleteRangeRequest) async throws -> DeleteRangeResponse {
        try RequestValidation.check(request)
        return try await write { engine throws(EtcdError) in
            var batch = WriteBatch(revision: engine.revision + 1)
            let response = engine.applyDelete(request, base: engine.revision, batch: &batch)
            return (response, WriteEffects(batch: batch))
        }
    }

    package func txn(_ request: TxnRequest) async throws -> TxnResponse {
        try RequestValidation.check(request, maxTxnOps: configuration.maxTxnOps)
        return try await write { engine throws(EtcdError) in
            var batch = WriteBatch(revision: engine.revision + 1)
            let response = try engine.txn(request, batch: &batch)
            return (response, WriteEffects(batch: batch))
        }
    }

    package func compact(_ request: CompactionRequest) async throws -> CompactionResponse {
        try await write { engine throws(EtcdError) in
            if request.revision <= engine.compactRevision { throw .compacted }
            if request.revision > engine.revision { throw .futureRevision }
            engine.applyCompaction(at: request.revision)
            return (
                CompactionResponse(header: .revision(engine.revision)), WriteEffects(compactRevision: request.revision)
            )
        }
    }

    /// Runs one write as one database transaction: lock the shared head, bring the view up to it,
    /// run `body` on a copy of the view's engine (which evaluates compares against exactly the
    /// locked state), store what it changed, commit, and only then make the copy the view and hand
    /// the new revision to the observers. A failed transaction leaves the view untouched; if the
    /// commit did land after all, the next catch-up reads it from the log.
    ///
    /// `precondition`, when given, runs inside the transaction after the lock; when it returns
    /// false the write is skipped and `WriteDeclined` thrown.
    func write<Result: Sendable>(
        precondition: (@Sendable (PostgresConnection, Logger) async throws -> Bool)? = nil,
        _ body: @escaping @Sendable (inout MVCCEngine) throws(EtcdError) -> (Result, WriteEffects)
    ) async throws -> Result {
        do {
            return try await turn.run {
                if self.view.withLockedValue({ $0.closed }) { throw StoreError.closed }
                let (result, engine, epoch, committed) = try await self.writer.transaction { connection, logger in
                    try await self.transact(on: connection, logger: logger, precondition: precondition, body)
                }
                self.view.withLockedValue { view in
                    view.engine = engine
                    view.leaseEpoch = epoch
                }
                self.deliver(committed)
                return result
            }
        } catch let declined as WriteDeclined {
            throw declined
        } catch {
            throw Self.unavailable(error)
        }
    }

    /// The statements of one write inside its transaction; returns the result, the new engine, the
    /// new lease epoch and the committed revision for the observers.
    private func transact<Result: Sendable>(
        on connection: PostgresConnection,
        logger: Logger,
        precondition: (@Sendable (PostgresConnection, Logger) async throws -> Bool)?,
        _ body: @Sendable (inout MVCCEngine) throws(EtcdError) -> (Result, WriteEffects)
    ) async throws -> (Result, MVCCEngine, Int64, [CommittedRevision]) {
        let head = try await catchUp(
            lockedHead: LogStatements.head(on: connection, logger: logger, lock: true),
            on: connection,
            refreshLeases: false
        )
        if let precondition, try await !precondition(connection, logger) { throw WriteDeclined() }
        var engine = view.withLockedValue { $0.engine }
        let (result, effects) = try body(&engine)
        var newHead = head
        var committed: [CommittedRevision] = []
        var events: [Event] = []
        if let batch = effects.batch, batch.hasChanges {
            engine.finish(batch)
            newHead.revision = batch.revision
            events = batch.events
            committed.append(CommittedRevision(revision: batch.revision, events: batch.events))
        }
        if let revision = effects.compactRevision { newHead.compactRevision = revision }
        if let lease = effects.grantedLease {
            try await connection.query(
                """
                INSERT INTO cairn_leases (id, ttl, expires_at)
                VALUES (\(lease.id), \(lease.ttl), clock_timestamp() + \(lease.ttl) * interval '1 second')
                """,
                logger: logger
            )
            newHead.leaseEpoch += 1
        }
        if let id = effects.revokedLease {
            try await connection.query("DELETE FROM cairn_leases WHERE id = \(id)", logger: logger)
            newHead.leaseEpoch += 1
        }
        if newHead != head {
            try await LogStatements.advance(to: newHead, appending: events, on: connection, logger: logger)
        }
        return (result, engine, newHead.leaseEpoch, committed)
    }
}

/// A write's precondition did not hold; nothing was written.
struct WriteDeclined: Error {}
