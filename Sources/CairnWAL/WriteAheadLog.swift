/// The write-ahead log of a data directory: numbered records of opaque payloads, made durable by group
/// commit, plus snapshot files that let older segments be discarded.
///
/// Appending only encodes the record into memory under a lock. Waiting for it flushes: a writer that
/// finds the log idle writes and syncs everything pending on its own thread; while a flush is under
/// way, later writers hand their records to a flusher thread, which writes everything pending with one
/// write and one `fdatasync` per round and then tells every waiter up to that index (see `Flusher`).
package final class WriteAheadLog: Sendable {
    package let directory: String
    let options: WALOptions
    let state: ConditionLock<LogState>
    private let flusher: Flusher
    private let thread: FlusherThread
    private let lock: DirectoryLock
    /// Serialises snapshot writers; holds whether `close()` has finished.
    let lifecycle = ConditionLock(false)

    /// Opens (creating if needed) and locks `directory`, and reads back the newest valid snapshot and
    /// every record after it. A torn tail is cut off; damage with valid records after it throws
    /// ``WALError/corrupt(file:offset:reason:)`` (see ``repair(directory:)``).
    package static func open(directory: String, options: WALOptions = WALOptions()) throws
        -> (WriteAheadLog, WALRecovery)
    {
        try FileIO.makeDirectory(directory)
        let lock = try DirectoryLock(directory: directory)
        do {
            let recovery = try Recovery(directory: directory, repairing: false)
            var segments = recovery.segments
            let writer: SegmentWriter
            if let last = segments.last, recovery.tailNextIndex == recovery.nextIndex {
                writer = try SegmentWriter(continuing: last, directory: directory, noSync: options.noSync)
            } else {
                let sequence = segments.last.map { $0.sequence + 1 } ?? 0
                writer = try SegmentWriter(
                    creating: sequence, firstIndex: recovery.nextIndex, directory: directory, noSync: options.noSync)
                segments.append(writer.info)
            }
            let log = try WriteAheadLog(
                directory: directory, options: options, lock: lock, writer: writer,
                state: LogState(
                    nextIndex: recovery.nextIndex, durableIndex: recovery.nextIndex - 1, segmentBytes: writer.size,
                    segments: segments, snapshotSize: recovery.snapshotSize))
            return (log, WALRecovery(snapshot: recovery.snapshot, records: recovery.records))
        } catch {
            lock.release()
            throw error
        }
    }

    private init(directory: String, options: WALOptions, lock: DirectoryLock, writer: SegmentWriter, state: LogState)
        throws
    {
        self.directory = directory
        self.options = options
        self.lock = lock
        self.state = ConditionLock(state)
        let flusher = Flusher(state: self.state, writer: writer, options: options)
        self.flusher = flusher
        thread = try FlusherThread { flusher.run() }
    }

    deinit {
        try? close()
    }

    /// Cuts the log at the first damaged record (or gap in the indexes) so that it opens again: that
    /// segment is truncated there and every later segment deleted, losing the records from that point
    /// on. Also cuts a torn tail. Returns what was cut, or nil when the log was intact. Takes the
    /// directory lock, so it fails while a server has the directory open.
    package static func repair(directory: String) throws -> WALRepairReport? {
        let lock = try DirectoryLock(directory: directory)
        defer { lock.release() }
        return try Recovery(directory: directory, repairing: true).repair
    }

    /// Buffers a record and returns its index. Never touches the disk, and nothing writes the record
    /// until someone waits for it (or the log closes): pair with ``waitDurable(_:)`` or
    /// ``whenDurable(_:_:)`` before acknowledging anything that depends on the record.
    package func append(_ payload: [UInt8]) -> UInt64 {
        precondition(payload.count <= Int(UInt32.max), "a WAL record payload is limited to 4 GiB")
        let payloadCRC = CRC32C.checksum(payload)
        let recordSize = RecordFormat.size(payloadCount: payload.count)
        let segmentSize = options.segmentSize
        return state.withLock { state -> UInt64 in
            let index = state.nextIndex
            state.nextIndex += 1
            guard state.closedFromIndex == nil, state.failure == nil else { return index }
            let wasEmpty = state.pending.isEmpty
            if state.segmentBytes > 0 && state.segmentBytes + recordSize > segmentSize {
                state.pending.append(PendingChunk(startsSegment: true, firstIndex: index, lastIndex: index, bytes: []))
                state.segmentBytes = 0
            } else if wasEmpty {
                state.pending.append(PendingChunk(startsSegment: false, firstIndex: index, lastIndex: index, bytes: []))
            }
            let last = state.pending.count - 1
            state.pending[last].lastIndex = index
            RecordFormat.append(index: index, payload: payload, payloadCRC: payloadCRC, to: &state.pending[last].bytes)
            state.segmentBytes += recordSize
            return index
        }
    }

    /// Calls `body` once record `index` (and so every record before it) is on disk, or with the error
    /// that prevents it. `body` runs on the flusher thread, on a thread that flushed in
    /// ``waitDurable(_:)``, or on the calling thread; keep it short, and do not call ``close()`` from it
    /// (close waits for the flusher thread).
    package func whenDurable(_ index: UInt64, _ body: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        var wake = false
        let immediate: Result<Void, any Error>? = state.withLock { state in
            if let outcome = Self.outcome(of: index, in: state) { return outcome }
            state.waiters.append((index, body))
            // A running flush hands what arrived meanwhile to the flusher thread when it ends.
            wake = !state.flushing
            return nil
        }
        if wake { state.signal() }
        if let immediate { body(immediate) }
    }

    /// Returns once record `index` (and every record before it) is on disk. If the log is idle, the
    /// calling thread writes and syncs the pending records itself, blocking in `fdatasync`; otherwise
    /// the record joins the next group commit.
    package func waitDurable(_ index: UInt64) async throws {
        // Writers ready to run on this executor append first, so that the sync below serves them too
        // (a writer that syncs on its thread holds that thread until the sync ends).
        await Task.yield()
        if flusher.flushIfIdle(through: index), let outcome = state.withLock({ Self.outcome(of: index, in: $0) }) {
            try outcome.get()
            return
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            whenDurable(index) { continuation.resume(with: $0) }
        }
    }

    /// How waiting for record `index` ends right now, or nil while it is still to be written.
    private static func outcome(of index: UInt64, in state: LogState) -> Result<Void, any Error>? {
        if index <= state.durableIndex { return .success(()) }
        if index >= state.nextIndex {
            return .failure(WALError.unknownIndex(index, lastIndex: state.nextIndex - 1))
        }
        if let failure = state.failure { return .failure(failure) }
        if let closedFrom = state.closedFromIndex, index >= closedFrom || state.flusherStopped {
            return .failure(WALError.closed)
        }
        return nil
    }

    /// The index of the last appended record (durable or not); the snapshot index when nothing follows it.
    package var lastIndex: UInt64 {
        state.withLock { $0.nextIndex - 1 }
    }

    /// The index up to which every record is on disk.
    package var durableIndex: UInt64 {
        state.withLock { $0.durableIndex }
    }

    /// Group commits so far: each wrote a batch of records and issued one `fdatasync` (skipped with `noSync`).
    package var syncCount: Int {
        state.withLock { $0.syncCount }
    }

    /// Bytes in segment files and the current snapshot.
    package var sizeOnDisk: Int {
        state.withLock { state in state.segments.reduce(state.snapshotSize) { $0 + $1.size } }
    }

    /// Writes out and syncs everything appended, stops the flusher and releases the directory lock.
    /// Records appended after this began are refused. Safe to call more than once.
    package func close() throws {
        try lifecycle.withLock { closed in
            guard !closed else { return }
            closed = true
            state.withLock { state in state.closedFromIndex = state.nextIndex }
            state.signal()
            thread.join()
            flusher.closeSegment()
            lock.release()
            if let failure = state.withLock({ $0.failure }) { throw failure }
        }
    }
}
