import CairnWAL
import CairnWire

extension EmbeddedStore {
    package func put(_ request: PutRequest) async throws -> PutResponse {
        try RequestValidation.check(request)
        return try await write { engine throws(EtcdError) in
            var batch = WriteBatch(revision: engine.revision + 1)
            let response = try engine.put(request, batch: &batch)
            return (response, [batch])
        }
    }

    package func deleteRange(_ request: DeleteRangeRequest) async throws -> DeleteRangeResponse {
        try RequestValidation.check(request)
        return try await write { engine throws(EtcdError) in
            var batch = WriteBatch(revision: engine.revision + 1)
            let response = engine.applyDelete(request, base: engine.revision, batch: &batch)
            return (response, [batch])
        }
    }

    package func txn(_ request: TxnRequest) async throws -> TxnResponse {
        try RequestValidation.check(request, maxTxnOps: configuration.maxTxnOps)
        return try await write { engine throws(EtcdError) in
            var batch = WriteBatch(revision: engine.revision + 1)
            let response = try engine.txn(request, batch: &batch)
            return (response, [batch])
        }
    }

    package func compact(_ request: CompactionRequest) async throws -> CompactionResponse {
        let committed = currentRevision
        return try await write { engine throws(EtcdError) in
            if request.revision <= engine.compactRevision { throw .compacted }
            // Compacting past the committed revision would drop history readers still rely on.
            if request.revision > committed { throw .futureRevision }
            engine.applyCompaction(at: request.revision)
            var batch = WriteBatch(revision: engine.revision + 1)
            batch.mutations.append(.compact(revision: request.revision))
            return (CompactionResponse(header: .revision(engine.revision)), [batch])
        }
    }

    /// Runs `body` on the newest state under the lock, logs the batches it returns (each that holds
    /// mutations becomes one record; one that changed keys takes its revision), then waits until
    /// everything sequenced so far is durable and committed. A request that wrote nothing waits as
    /// well, since it may have observed writes that are not durable yet.
    func write<Result: Sendable>(
        _ body: (inout MVCCEngine) throws(EtcdError) -> (Result, [WriteBatch])
    ) async throws -> Result {
        let (result, logIndex) = try state.withLockedValue { state throws -> (Result, UInt64) in
            if state.closed { throw StoreError.closed }
            if let failure = state.failure { throw StoreError.failed(failure) }
            let (result, batches) = try body(&state.engine)
            for batch in batches { append(batch, to: &state) }
            return (result, state.lastLogIndex)
        }
        try await awaitCommit(logIndex)
        return result
    }

    /// Logs one batch (under the lock): takes its revision, appends its record, queues its events.
    func append(_ batch: WriteBatch, to state: inout State) {
        guard !batch.mutations.isEmpty else { return }
        state.engine.finish(batch)
        let revision = batch.hasChanges ? batch.revision : 0
        let index = log.append(LogRecord(revision: revision, mutations: batch.mutations).encoded())
        state.lastLogIndex = index
        state.pending.append(PendingCommit(logIndex: index, revision: revision, events: batch.events))
        state.recordsSinceSnapshot += 1
        startSnapshotIfDue(&state)
    }

    /// Waits until log record `index` is durable, then commits every pending revision up to it.
    func awaitCommit(_ index: UInt64) async throws {
        do {
            try await log.waitDurable(index)
        } catch {
            state.withLockedValue { state in
                if state.failure == nil { state.failure = "\(error)" }
            }
            throw error
        }
        commit(upTo: index)
    }

    /// Moves the committed revision over every pending record up to `index` and hands their
    /// revisions to the observers, in order and exactly once.
    private func commit(upTo index: UInt64) {
        deliveryLock.withLock {
            let (ready, observers) = state.withLockedValue {
                state -> ([PendingCommit], [@Sendable (CommittedRevision) -> Void]) in
                let count = state.pending.prefix { $0.logIndex <= index }.count
                guard count > 0 else { return ([], []) }
                let ready = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                if let newest = ready.last(where: { $0.revision > 0 }) { state.committedRevision = newest.revision }
                return (ready, state.observers.inOrder)
            }
            for commit in ready where commit.revision > 0 && !observers.isEmpty {
                let revision = CommittedRevision(revision: commit.revision, events: commit.events)
                for observer in observers { observer(revision) }
            }
        }
    }
}
