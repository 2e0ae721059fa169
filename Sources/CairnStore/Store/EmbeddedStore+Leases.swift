import CairnWire

extension EmbeddedStore {
    /// etcd's largest TTL in seconds.
    static let maximumLeaseTTL: Int64 = 9_000_000_000
    /// etcd's smallest TTL with default timing (ceil of 1.5 × the 1 s election timeout).
    static let minimumLeaseTTL: Int64 = 2
    /// Expiry revokes at most this many leases per lock hold...
    static let expiryBatchLeases = 256
    /// ...and stops adding leases to a batch once this many keys were deleted.
    static let expiryBatchKeys = 10_000

    package func leaseGrant(id: Int64, ttl: Int64) async throws -> (id: Int64, ttl: Int64) {
        if ttl > Self.maximumLeaseTTL { throw EtcdError.leaseTTLTooLarge }
        let effectiveTTL = max(ttl, Self.minimumLeaseTTL)
        let now = clock.now()
        // Ids are picked under the lock, so they cannot collide with a concurrent grant.
        let nextID = state.withLockedValue { state -> Int64 in
            guard id == 0 else { return id }
            while state.engine.leases.contains(state.nextLeaseID) { state.nextLeaseID += 1 }
            defer { state.nextLeaseID += 1 }
            return state.nextLeaseID
        }
        return try await write { engine throws(EtcdError) in
            if engine.leases.contains(nextID) { throw .leaseExists }
            engine.leases.grant(id: nextID, ttl: effectiveTTL, now: now)
            var batch = WriteBatch(revision: engine.revision + 1)
            batch.mutations.append(.leaseGrant(id: nextID, ttl: effectiveTTL))
            return ((nextID, effectiveTTL), [batch])
        }
    }

    package func leaseRevoke(id: Int64) async throws -> Int64 {
        try await write { engine throws(EtcdError) in
            let base = engine.revision
            var batch = WriteBatch(revision: base + 1)
            guard engine.applyLeaseRevoke(id: id, batch: &batch) else { throw .leaseNotFound }
            return (batch.hasChanges ? batch.revision : base, [batch])
        }
    }

    package func leaseKeepAlive(id: Int64) -> Int64 {
        let now = clock.now()
        return state.withLockedValue { $0.engine.leases.renew(id, now: now) }
    }

    package func leaseTimeToLive(id: Int64, keys: Bool) -> LeaseTimeToLiveResponse {
        let now = clock.now()
        return state.withLockedValue { state in
            state.engine.leases.timeToLive(
                id: id, keys: keys, now: now, header: .revision(state.committedRevision))
        }
    }

    package func leaseList() -> [Int64] {
        state.withLockedValue { $0.engine.leases.idsByDeadline }
    }

    /// Revokes every lease whose deadline has passed, each in its own revision, in bounded batches
    /// so that other writers get the lock in between. Returns once they are committed.
    package func expireDueLeases() async throws {
        while true {
            let now = clock.now()
            let (logIndex, more) = try state.withLockedValue { state throws -> (UInt64, Bool) in
                if state.closed { throw StoreError.closed }
                if let failure = state.failure { throw StoreError.failed(failure) }
                let due = state.engine.leases.takeExpired(now: now, limit: Self.expiryBatchLeases)
                var deletedKeys = 0
                for (position, id) in due.enumerated() {
                    if deletedKeys >= Self.expiryBatchKeys {
                        // Put the rest back; they go in the next batch.
                        for later in due[position...] { state.engine.leases.requeue(later) }
                        return (state.lastLogIndex, true)
                    }
                    var batch = WriteBatch(revision: state.engine.revision + 1)
                    _ = state.engine.applyLeaseRevoke(id: id, batch: &batch)
                    deletedKeys += batch.events.count
                    append(batch, to: &state)
                }
                return (state.lastLogIndex, due.count == Self.expiryBatchLeases)
            }
            try await awaitCommit(logIndex)
            guard more else { return }
            await Task.yield()
        }
    }

    /// Starts the loop that checks the soonest deadline every `expiryTick`, so a lease is revoked
    /// within about that long after it expires.
    func startExpiry() {
        let task = Task { [weak self, clock] in
            while !Task.isCancelled {
                do {
                    try await clock.sleep(until: clock.now() + Self.expiryTick)
                } catch {
                    return
                }
                guard let store = self else { return }
                try? await store.expireDueLeases()
            }
        }
        state.withLockedValue { $0.expiryTask = task }
    }
}
