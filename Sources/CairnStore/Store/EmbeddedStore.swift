import CairnWAL
import CairnWire
import Logging
import NIOConcurrencyHelpers

/// The embedded storage engine: the MVCC index in memory, made durable by CairnWAL.
///
/// Writes are sequenced under one lock: evaluated against the newest state, applied to the index,
/// appended to the log, and acknowledged once the log's group commit made them durable. Reads are
/// served at the committed revision, which only moves over durable revisions, so nothing that could
/// still be lost is ever visible; the MVCC history makes reading "as of" that revision free.
package final class EmbeddedStore: KeyValueBackend {
    /// A sequenced write waiting for its log record to become durable.
    struct PendingCommit: Sendable {
        var logIndex: UInt64
        /// 0 when the record took no revision (lease grant, compaction, ...).
        var revision: Int64
        var events: [Event]
    }

    /// Everything mutable, behind `state`'s lock.
    struct State: Sendable {
        var engine: MVCCEngine
        /// The newest durable revision: the revision reads are served at.
        var committedRevision: Int64
        var pending: [PendingCommit] = []
        /// The log index of the newest record appended.
        var lastLogIndex: UInt64
        var recordsSinceSnapshot: Int
        var snapshotTask: Task<Void, Never>?
        /// Set when the log failed: the in-memory state may be ahead of the disk, so no more writes.
        var failure: String?
        var closed = false
        var observers = CommitObservers()
        var nextLeaseID: Int64
        var expiryTask: Task<Void, Never>?
    }

    let configuration: StoreConfiguration
    let clock: any StoreClock
    let log: WriteAheadLog
    let state: NIOLockedValueBox<State>
    /// Held while committed revisions are handed to observers, so deliveries never overtake each other.
    let deliveryLock = NIOLock()

    /// How often the expiry loop looks at the soonest lease deadline.
    static let expiryTick: UInt64 = 50_000_000

    /// Opens (creating if needed) the data directory: loads the newest snapshot, replays the log
    /// after it, restarts every lease with its full TTL, and starts lease expiry.
    package static func open(_ configuration: StoreConfiguration) throws -> EmbeddedStore {
        let (log, engine, recordCount) = try loadState(configuration)
        // The snapshot payload and the replayed records are gone by now; hand their pages back.
        MemoryRelease.returnFreedMemory()
        HugePages.adviseHeapInBackground(keys: engine.index.count)
        let store = EmbeddedStore(
            configuration: configuration,
            log: log,
            engine: engine,
            recordsSinceSnapshot: recordCount
        )
        store.startExpiry()
        return store
    }

    /// Opens the log and rebuilds the engine from it; returns how many records followed the snapshot.
    private static func loadState(_ configuration: StoreConfiguration) throws -> (WriteAheadLog, MVCCEngine, Int) {
        let logger = configuration.logger
        let options = WALOptions(
            segmentSize: configuration.segmentSize, noSync: configuration.noSync, onSync: configuration.onSync,
            onFailure: { error in
                logger.error(
                    "write-ahead log failed; the store refuses writes until it is reopened",
                    metadata: StoreFailure.metadata(of: error))
            })
        let (log, recovery) = try WriteAheadLog.open(directory: configuration.dataDirectory, options: options)
        do {
            let engine = try Recovery.restore(recovery, now: configuration.clock.now())
            return (log, engine, recovery.records.count)
        } catch {
            try? log.close()
            throw error
        }
    }

    private init(configuration: StoreConfiguration, log: WriteAheadLog, engine: MVCCEngine, recordsSinceSnapshot: Int) {
        self.configuration = configuration
        self.clock = configuration.clock
        self.log = log
        state = NIOLockedValueBox(
            State(
                engine: engine,
                committedRevision: engine.revision,
                lastLogIndex: log.lastIndex,
                recordsSinceSnapshot: recordsSinceSnapshot,
                nextLeaseID: Int64.random(in: 1 << 40...1 << 61)
            )
        )
    }

    package var currentRevision: Int64 {
        state.withLockedValue { $0.committedRevision }
    }

    package var compactRevision: Int64 {
        state.withLockedValue { $0.engine.compactRevision }
    }

    package var storageBytes: Int64 {
        Int64(log.sizeOnDisk)
    }

    /// Group commits (one fsync each) the log has made since it was opened; against the number of
    /// writes this gives writes per fsync.
    package var logSyncCount: Int {
        log.syncCount
    }

    /// Number of keys held in the index, live or kept only for their history.
    package var keyCount: Int {
        state.withLockedValue { $0.engine.index.count }
    }

    package func range(_ request: RangeRequest) throws -> RangeResponse {
        try RequestValidation.check(request)
        return try state.withLockedValue { state throws(EtcdError) in
            try state.engine.range(request, current: state.committedRevision)
        }
    }

    package func events(from revision: Int64, key: [UInt8], rangeEnd: [UInt8], limitRevisions: Int) throws -> [Event] {
        try state.withLockedValue { state throws(EtcdError) in
            try state.engine.events(
                from: revision,
                through: state.committedRevision,
                in: KeySpan(key: key, rangeEnd: rangeEnd),
                limitRevisions: limitRevisions
            )
        }
    }

    package func subscribeCommits(_ body: @escaping @Sendable (CommittedRevision) -> Void) -> SubscriptionToken {
        let id = state.withLockedValue { $0.observers.add(body) }
        return SubscriptionToken { [weak self] in
            self?.state.withLockedValue { $0.observers.remove(id) }
        }
    }

    package func close() async throws {
        let (expiry, snapshot) = state.withLockedValue { state in
            state.closed = true
            return (state.expiryTask, state.snapshotTask)
        }
        expiry?.cancel()
        await expiry?.value
        await snapshot?.value
        try log.close()
    }
}
