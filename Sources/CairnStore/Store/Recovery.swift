import CairnWAL

/// Rebuilds the engine from what the log found on disk.
enum Recovery {
    /// Loads the snapshot, replays the records after it, and restarts every lease's full TTL at `now`.
    static func restore(_ recovery: WALRecovery, now: UInt64) throws(StoreError) -> MVCCEngine {
        var engine = MVCCEngine()
        if let snapshot = recovery.snapshot {
            let state = try snapshot.payload.withUnsafeBytes { payload in
                Result { () throws(StoreError) in try SnapshotCodec.decode(payload) }
            }.get()
            engine.index = state.index
            engine.revision = state.revision
            engine.compactRevision = state.compactRevision
            for lease in state.leases { engine.leases.grant(id: lease.id, ttl: lease.ttl, now: now) }
            engine.index.forEach { entry in
                if let live = entry.history.live(at: .max), live.lease != 0 {
                    engine.leases.attach(entry.key, to: live.lease)
                }
            }
        }
        for record in recovery.records {
            let decoded: LogRecord
            do {
                decoded = try LogRecord(decoding: record.payload)
            } catch {
                throw .corruptState("log record \(record.index): \(error)")
            }
            try replay(decoded, into: &engine, now: now, index: record.index)
        }
        return engine
    }

    private static func replay(_ record: LogRecord, into engine: inout MVCCEngine, now: UInt64, index: UInt64)
        throws(StoreError)
    {
        if record.revision != 0 && record.revision != engine.revision + 1 {
            throw .corruptState("log record \(index) has revision \(record.revision) after \(engine.revision)")
        }
        var batch = WriteBatch(revision: engine.revision + 1, recordsEvents: false)
        for mutation in record.mutations {
            switch mutation {
            case .put(let key, let value, let lease):
                engine.applyPut(key: key, value: value, lease: lease, batch: &batch)
            case .delete(let key):
                _ = engine.applyDelete(span: KeySpan(key: key, rangeEnd: []), batch: &batch)
            case .leaseGrant(let id, let ttl):
                engine.leases.grant(id: id, ttl: ttl, now: now)
            case .leaseRevoke(let id):
                _ = engine.leases.remove(id)
            case .compact(let revision):
                engine.applyCompaction(at: revision)
            }
        }
        engine.finish(batch)
    }
}
