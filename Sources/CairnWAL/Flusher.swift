/// Group commit. Whoever flushes takes every pending record at once, writes them (one `pwrite` per
/// segment touched), syncs once and then resumes every waiter up to the last record written; appends
/// made meanwhile pile up for the next round, so concurrent writers share syncs.
///
/// A writer that waits for its record while the log is idle flushes on its own thread
/// (``flushIfIdle(through:)``): one writer in flight then costs a write and an `fdatasync`, with no
/// thread to wake and none to wake it back. A writer that finds a flush under way hands its record to
/// the flusher thread instead, which takes the next batch as soon as the running flush ends.
final class Flusher: @unchecked Sendable {
    private let state: ConditionLock<LogState>
    /// Touched only by whoever set `LogState.flushing`, and by `close()` after the flusher thread ended.
    private let writer: SegmentWriter
    private let onSync: (@Sendable (Duration, Int) -> Void)?
    private let onFailure: (@Sendable (any Error) -> Void)?

    init(state: ConditionLock<LogState>, writer: SegmentWriter, options: WALOptions) {
        self.state = state
        self.writer = writer
        onSync = options.onSync
        onFailure = options.onFailure
    }

    /// The flusher thread's loop: flushes whatever is pending whenever no one else is flushing, until
    /// the log closes.
    func run() {
        while let batch = nextBatch() {
            flush(batch)
        }
        let leftovers = state.withLock { $0.takeAllWaiters() }
        for callback in leftovers {
            callback(.failure(WALError.closed))
        }
    }

    /// Flushes on the calling thread if no flush is under way and record `index` is still pending.
    /// Returns whether it did; the record is then durable, or the log has failed.
    func flushIfIdle(through index: UInt64) -> Bool {
        let batch = state.withLock { state -> [PendingChunk]? in
            guard !state.flushing, state.failure == nil, state.closedFromIndex == nil,
                let last = state.pending.last, last.lastIndex >= index, index > state.durableIndex
            else { return nil }
            state.flushing = true
            defer { state.pending = [] }
            return state.pending
        }
        guard let batch else { return false }
        flush(batch)
        return true
    }

    /// Closes the segment file; call after the thread running ``run()`` has ended.
    func closeSegment() {
        writer.close()
    }

    /// Waits until records are pending and no one is flushing; nil once the log is closing and
    /// everything has been written.
    private func nextBatch() -> [PendingChunk]? {
        state.withLock(waitingUntil: { ($0.closedFromIndex != nil || !$0.pending.isEmpty) && !$0.flushing }) {
            state in
            guard !state.pending.isEmpty else {
                state.flusherStopped = true
                return nil
            }
            state.flushing = true
            defer { state.pending = [] }
            return state.pending
        }
    }

    /// Writes and syncs `batch` (taken with `flushing` set), then clears `flushing` and wakes the
    /// flusher thread if records arrived meanwhile.
    private func flush(_ batch: [PendingChunk]) {
        do {
            try write(batch)
        } catch {
            fail(error)
        }
    }

    private func write(_ batch: [PendingChunk]) throws {
        if let failure = state.withLock({ $0.failure }) { throw failure }
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
        var more = false
        let ready = state.withLock { state in
            records = Int(lastIndex - state.durableIndex)
            state.durableIndex = lastIndex
            state.syncCount += 1
            state.segments[state.segments.count - 1].size = size
            state.flushing = false
            let ready = state.takeWaiters(upTo: lastIndex)
            // The flusher thread waits for a flush to end when records are waited for or the log closes.
            more = (!state.pending.isEmpty && !state.waiters.isEmpty) || state.closedFromIndex != nil
            return ready
        }
        if more { state.signal() }
        onSync?(duration, records)
        for callback in ready {
            callback(.success(()))
        }
    }

    /// Records the failure, cuts off the unsynced part of the segment and fails every waiter.
    private func fail(_ error: any Error) {
        writer.rollBack()
        let cause = (error as? WALError)?.description ?? "\(error)"
        let (first, waiting) = state.withLock { state in
            let first = state.failure == nil
            if first { state.failure = .unusable(cause: cause) }
            state.flushing = false
            return (first, state.takeAllWaiters())
        }
        state.signal()
        if first { onFailure?(error) }
        for callback in waiting {
            callback(.failure(error))
        }
    }
}
