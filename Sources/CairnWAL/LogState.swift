/// Called once a record is durable, or with the error that prevents it.
typealias DurabilityCallback = @Sendable (Result<Void, any Error>) -> Void

/// Encoded records waiting for the flusher, grouped by the segment they go to.
struct PendingChunk {
    /// Whether the flusher must start a new segment (beginning at `firstIndex`) before writing `bytes`.
    var startsSegment: Bool
    var firstIndex: UInt64
    var lastIndex: UInt64
    var bytes: [UInt8]
}

/// Everything appenders, waiters, the flusher and snapshots share; only touched under the log's lock.
struct LogState {
    var nextIndex: UInt64
    var durableIndex: UInt64
    var pending: [PendingChunk] = []
    /// Bytes in the segment that receives the next record, counting records not yet written.
    var segmentBytes: Int
    var waiters: [(index: UInt64, callback: DurabilityCallback)] = []
    /// The first failure of a write or sync; the log accepts nothing after it.
    var failure: WALError?
    /// Set by `close()`: indexes from this one on are refused.
    var closedFromIndex: UInt64?
    /// Set by the flusher when it has written everything and stopped.
    var flusherStopped = false
    /// Whether a batch is being written and synced, by the flusher thread or by a waiting writer that
    /// found the log idle; whoever sets it owns the segment writer until it clears it.
    var flushing = false
    var syncCount = 0
    /// Segments on disk, oldest first; the last one is being appended to.
    var segments: [SegmentInfo]
    var snapshotSize: Int

    /// Removes and returns the waiters whose records are now durable.
    mutating func takeWaiters(upTo index: UInt64) -> [DurabilityCallback] {
        var ready: [DurabilityCallback] = []
        waiters.removeAll { waiter in
            guard waiter.index <= index else { return false }
            ready.append(waiter.callback)
            return true
        }
        return ready
    }

    /// Removes and returns every waiter.
    mutating func takeAllWaiters() -> [DurabilityCallback] {
        defer { waiters = [] }
        return waiters.map(\.callback)
    }
}
