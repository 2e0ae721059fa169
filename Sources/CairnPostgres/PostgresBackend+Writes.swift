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
            var batch = WriteBatch(revision: engine.revision + 1)
            let response = try engine.put(request, batch: &batch)
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

    /// Runs one write. Writes that arrive while a transaction is in flight queue up and the next
    /// transaction takes them together (one commit for many writes): it locks the shared head,
    /// brings the view up to it, then runs each write in arrival order on a copy of the view's
    /// engine (so compares see exactly the locked state plus the writes before them), each taking
    /// its own revision; it stores what they changed, commits, and only then makes the copy the
    /// view, hands the new revisions to the observers and answers the writes. A write whose own
    /// request fails (an etcd error) is answered with it and leaves no trace; a failed
    /// transaction fails every write in it and leaves the view untouched (if the commit did land
    /// after all, the next catch-up reads it from the log).
    ///
    /// `precondition`, when given, runs inside the transaction before the write; when it returns
    /// false the write is skipped and `WriteDeclined` thrown.
    func write<Result: Sendable>(
        precondition: (@Sendable (PostgresConnection, Logger) async throws -> Bool)? = nil,
        _ body: @escaping @Sendable (inout MVCCEngine) throws(EtcdError) -> (Result, WriteEffects)
    ) async throws -> Result {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let pending = PendingWrite(
                    precondition: precondition,
                    apply: { engine throws(EtcdError) in
                        let (result, effects) = try body(&engine)
                        return (effects, { continuation.resume(returning: result) })
                    },
                    fail: { continuation.resume(throwing: $0) }
                )
                enqueue(pending)
            }
        } catch let declined as WriteDeclined {
            throw declined
        } catch {
            throw Self.unavailable(error)
        }
    }

    /// Queues a write and starts a task draining the queue unless one is running.
    private func enqueue(_ pending: PendingWrite) {
        let start = queue.withLockedValue { queue in
            queue.waiting.append(pending)
            defer { queue.draining = true }
            return !queue.draining
        }
        if start { Task { await self.drainWrites() } }
    }

    /// Runs the queued writes, as many as have gathered per transaction, until none is left.
    private func drainWrites() async {
        while true {
            let batch = queue.withLockedValue { queue in
                let taken = Array(queue.waiting.prefix(WriteQueue.largestBatch))
                queue.waiting.removeFirst(taken.count)
                if taken.isEmpty { queue.draining = false }
                return taken
            }
            if batch.isEmpty { return }
            do {
                try await turn.run {
                    if self.view.withLockedValue({ $0.closed }) { throw StoreError.closed }
                    let outcome = try await self.writer.transaction { connection, logger in
                        try await self.transact(batch, on: connection, logger: logger)
                    }
                    self.view.withLockedValue { view in
                        view.engine = outcome.engine
                        view.leaseEpoch = outcome.leaseEpoch
                    }
                    self.deliver(outcome.committed)
                    for answer in outcome.answers { answer() }
                }
                noteDatabase(nil)
            } catch {
                if !(error is StoreError) { noteDatabase(error) }
                for pending in batch { pending.fail(error) }
            }
        }
    }

    /// The statements of a batch of writes inside its transaction: what the view becomes, and the
    /// calls answering each write (its result or its own error), in order.
    private func transact(_ batch: [PendingWrite], on connection: PostgresConnection, logger: Logger) async throws
        -> BatchOutcome
    {
        let head = try await catchUp(
            lockedHead: LogStatements.head(on: connection, logger: logger, lock: true),
            on: connection,
            refreshLeases: false
        )
        var engine = view.withLockedValue { $0.engine }
        var newHead = head
        var outcome = BatchOutcome(engine: engine, leaseEpoch: head.leaseEpoch)
        for pending in batch {
            if let precondition = pending.precondition, try await !precondition(connection, logger) {
                outcome.answers.append { pending.fail(WriteDeclined()) }
                continue
            }
            var trial = engine
            let effects: WriteEffects
            let answer: @Sendable () -> Void
            do {
                (effects, answer) = try pending.apply(&trial)
            } catch {
                outcome.answers.append { pending.fail(error) }
                continue
            }
            if let changes = effects.batch, changes.hasChanges {
                trial.finish(changes)
                newHead.revision = changes.revision
                outcome.committed.append(CommittedRevision(revision: changes.revision, events: changes.events))
            }
            engine = trial
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
            outcome.answers.append(answer)
        }
        if newHead != head {
            try await LogStatements.advance(to: newHead, appending: outcome.committed, on: connection, logger: logger)
        }
        outcome.engine = engine
        outcome.leaseEpoch = newHead.leaseEpoch
        return outcome
    }
}

/// What a committed batch of writes leaves: the new view, and the answers to its writes.
struct BatchOutcome {
    var engine: MVCCEngine
    var leaseEpoch: Int64
    var committed: [CommittedRevision] = []
    var answers: [@Sendable () -> Void] = []
}

/// A write's precondition did not hold; nothing was written.
struct WriteDeclined: Error {}
