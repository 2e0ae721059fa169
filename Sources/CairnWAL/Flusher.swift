/// The group-commit loop. It sleeps until records are pending, takes all of them at once, writes them
/// (one `pwrite` per segment touched), syncs once and then resumes every waiter up to the last record
/// written. Appends made meanwhile pile up for the next round, so concurrent writers share syncs.
final class Flusher: @unchecked Sendable {
    private let state: ConditionLock<LogState>
    /// Touched only by the flusher thread, and by `close()` after that thread has ended.
    private let writer: SegmentWriter
    private let onSync: (@Sendable (Duration, Int) -> Void)?

    init(state: ConditionLock<LogState>, writer: SegmentWriter, onSync: (@Sendable (Duration, Int) -> Void)?) {
        self.state = state
        self.writer = writer
        self.onSync = onSync
    }

    func run() {
        while let batch = nextBatch() {
            do {
                try write(batch)
            } catch {
                fail(error)
            }
        }
        let leftovers = state.withLock { $0.takeAllWaiters() }
        for callback in leftovers {
            callback(.failure(WALError.closed))
        }
    }

    /// Closes the segment file; call after the thread running ``run()`` has ended.
    func closeSegment() {
        writer.close()
    }

    /// Waits for pending records; nil once the log is closing and everything has been written.
    private func nextBatch() -> [PendingChunk]? {
        state.withLock(waitingUntil: { !$0.pending.isEmpty || $0.closedFromIndex != nil }) { state in
            guard !state.pending.isEmpty else {
                state.flusherStopped = true
                return nil
            }
            defer { state.pending = [] }
            return state.pending
        }
    }

    private func write(_ batch: [PendingChunk]) throws {
        if state.withLock({ $0.failure != nil }) { return }
        for chunk in batch {
            if chunk.startsSegment {
                let finishedSize = writer.size
                try writer.rotate(firstIndex: chunk.firstIndex)
                let info = writer.info
                state.withLock { state in
                    state.segments[state.segments.count - 1].size = finishedSize
                    state.segments.append(info)
                }
            }
            try writer.write(chunk.bytes)
        }
        let duration = try writer.sync()
        let lastIndex = batch[batch.count - 1].lastIndex
        let size = writer.size
        var records = 0
        let ready = state.withLock { state in
            records = Int(lastIndex - state.durableIndex)
            state.durableIndex = lastIndex
            state.syncCount += 1
            state.segments[state.segments.count - 1].size = size
            return state.takeWaiters(upTo: lastIndex)
        }
        onSync?(duration, records)
        for callback in ready {
            callback(.success(()))
        }
    }

    /// Records the failure, cuts off the unsynced part of the segment and fails every waiter.
    private func fail(_ error: any Error) {
        writer.rollBack()
        let cause = (error as? WALError)?.description ?? "\(error)"
        let waiting = state.withLock { state in
            if state.failure == nil { state.failure = .unusable(cause: cause) }
            return state.takeAllWaiters()
        }
        for callback in waiting {
            callback(.failure(error))
        }
    }
}
