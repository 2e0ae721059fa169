import CairnWAL
import Logging

extension EmbeddedStore {
    /// Starts a background snapshot once `snapshotCount` records were logged since the last one
    /// (called under the lock). The state is captured by copying the engine, which is O(1): the
    /// index's chunks are shared until writers touch them.
    func startSnapshotIfDue(_ state: inout State) {
        guard state.recordsSinceSnapshot >= configuration.snapshotCount, state.snapshotTask == nil else { return }
        state.recordsSinceSnapshot = 0
        let snapshot = SnapshotCodec.State(
            index: state.engine.index,
            revision: state.engine.revision,
            compactRevision: state.engine.compactRevision,
            leases: state.engine.leases.leases.map { (id: $0.key, ttl: $0.value.ttl) }
        )
        let logIndex = state.lastLogIndex
        let logger = configuration.logger
        state.snapshotTask = Task.detached(priority: .background) { [log] in
            do {
                // The snapshot may only cover records that are on disk.
                try await log.waitDurable(logIndex)
                await BlockingThread.run {
                    // A failed snapshot loses nothing: the log still holds every record, and the next
                    // snapshot tries again.
                    do {
                        try log.writeSnapshot(index: logIndex) { writer in
                            try SnapshotCodec.encode(snapshot) { piece in try writer.write(piece) }
                        }
                    } catch {
                        var metadata = StoreFailure.metadata(of: error)
                        metadata["index"] = "\(logIndex)"
                        logger.error("snapshot failed; the log keeps every record", metadata: metadata)
                    }
                    MemoryRelease.returnFreedMemory()
                }
            } catch {
                // The log failed; the writers waiting on it report that.
            }
            self.state.withLockedValue { $0.snapshotTask = nil }
        }
    }
}
